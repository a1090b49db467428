import os

import joblib


class IrisClassifier:
    """The benchmark's iris class: a scikit-learn LogisticRegression, predict_proba."""

    def __init__(self, model_uri=None):
        self.model = joblib.load(os.path.join(model_uri, "model.joblib"))

    def predict(self, X, features_names=None):
        return self.model.predict_proba(X)
