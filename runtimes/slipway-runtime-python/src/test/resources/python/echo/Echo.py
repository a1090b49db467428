import json
import os

import numpy as np


class Echo:
    """Answers what it is given (no base class: Seldon accepts any class with the methods)."""

    def __init__(self, greeting="hello", count=1, ratio=0.5, flag=False, config=None):
        self.greeting = greeting
        self.count = count
        self.ratio = ratio
        self.flag = flag
        self.config = config
        print("Echo constructed in pid %d" % os.getpid())

    def predict(self, X, names, meta=None):
        print("predict got %s" % type(X).__name__)
        if isinstance(X, dict) and X.get("what") == "params":
            return {"greeting": self.greeting, "count": self.count, "ratio": self.ratio, "flag": self.flag,
                    "config": self.config, "types": [type(v).__name__ for v in (self.greeting, self.count, self.ratio, self.flag, self.config)]}
        if isinstance(X, dict) and X.get("what") == "pid":
            return {"pid": os.getpid()}
        if isinstance(X, dict) and X.get("what") == "meta":
            return {"meta": meta, "names": list(names)}
        if isinstance(X, dict):
            return {"echo": X}
        if isinstance(X, str):
            return X.upper()
        if isinstance(X, bytes):
            return X[::-1]
        if X.dtype.kind in "US":
            return np.char.upper(X)
        return X * 2

    def transform_input(self, X, names):
        return X + 1

    def transform_output(self, X, names):
        return X * 10

    def route(self, X, names):
        return int(np.asarray(X).ravel()[0]) % 2

    def aggregate(self, Xs, names_list):
        return np.mean(np.stack([np.asarray(x, dtype=float) for x in Xs]), axis=0)

    def send_feedback(self, features, feature_names, reward, truth, routing=None):
        return {"reward": reward, "routing": routing, "truth": None if truth is None else np.asarray(truth).tolist()}

    def health_status(self):
        return {"healthy": True}

    def feature_names(self):
        return ["a", "b"]
