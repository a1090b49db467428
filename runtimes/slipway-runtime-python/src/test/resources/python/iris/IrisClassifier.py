import os

import joblib
from seldon_core.user_model import SeldonComponent


class IrisClassifier(SeldonComponent):
    """A scikit-learn class as Seldon users write them: the model file comes from model_uri."""

    def __init__(self, model_uri=None, scale=1.0):
        self.model_uri = model_uri
        self.scale = scale
        self.model = None
        self.calls = 0

    def load(self):
        self.model = joblib.load(os.path.join(self.model_uri, "model.joblib"))

    def predict(self, X, features_names=None):
        self.calls += 1
        return self.model.predict_proba(X) * self.scale

    def class_names(self):
        return ["setosa", "versicolor", "virginica"]

    def tags(self):
        return {"model": "iris"}

    def metrics(self):
        return [{"type": "COUNTER", "key": "iris_calls", "value": 1}, {"type": "GAUGE", "key": "iris_total", "value": self.calls}]

    def init_metadata(self):
        return {"name": "iris", "versions": ["v1"], "platform": "sklearn"}
