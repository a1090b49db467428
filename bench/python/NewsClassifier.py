import os

import joblib
import numpy as np


class NewsClassifier:
    """The benchmark's text class: CountVectorizer + TF-IDF + MultinomialNB, predict_proba."""

    def __init__(self, model_uri=None):
        self.model = joblib.load(os.path.join(model_uri, "model.joblib"))

    def predict(self, X, features_names=None):
        return self.model.predict_proba([str(x) for x in np.asarray(X).ravel()])
