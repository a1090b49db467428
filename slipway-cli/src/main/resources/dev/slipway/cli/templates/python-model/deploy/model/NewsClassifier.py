"""The news classifier as a Seldon Python model class: served unchanged by Slipway's PYTHON runtime.

A scikit-learn Pipeline(CountVectorizer, TfidfTransformer, MultinomialNB) in model.joblib beside this file
(the model_uri folder). Classes: 0 computers, 1 education, 2 politics, 3 science.
"""
import os

import joblib
import numpy as np

CLASSES = ["computers", "education", "politics", "science"]


class NewsClassifier:
    def __init__(self, model_uri=".", method="predict"):
        if method not in ("predict", "predict_proba"):
            raise ValueError("method must be predict or predict_proba, not %r" % method)
        self.model_uri = model_uri
        self.method = method
        self.model = None

    def load(self):
        self.model = joblib.load(os.path.join(self.model_uri, "model.joblib"))

    def predict(self, X, features_names=None):
        texts = [str(x) for x in np.asarray(X).ravel()]
        if self.method == "predict_proba":
            return self.model.predict_proba(texts)
        return self.model.predict(texts)

    def class_names(self):
        return CLASSES

    def tags(self):
        return {"model": "news-classifier"}
