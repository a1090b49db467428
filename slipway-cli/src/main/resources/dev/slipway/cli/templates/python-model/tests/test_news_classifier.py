"""Unit tests of the class itself (pytest), before anything is deployed."""
import os
import sys

import numpy as np
import pytest

MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "deploy", "model")
sys.path.insert(0, MODEL)

from NewsClassifier import NewsClassifier  # noqa: E402


@pytest.fixture(scope="module")
def classifier():
    c = NewsClassifier(model_uri=MODEL)
    c.load()
    return c


def test_predict_labels(classifier):
    X = np.array(["Ban the bomb.  Save the world for conventional warfare.",
                  "History books which contain no lies are extremely dull."])
    assert classifier.predict(X, []).tolist() == [3, 1]


def test_predict_proba_rows_sum_to_one():
    c = NewsClassifier(model_uri=MODEL, method="predict_proba")
    c.load()
    p = c.predict(np.array(["There is no security on this earth."]), [])
    assert p.shape == (1, 4)
    assert abs(p.sum() - 1.0) < 1e-9


def test_class_names(classifier):
    assert classifier.class_names() == ["computers", "education", "politics", "science"]


def test_unknown_method_is_refused():
    with pytest.raises(ValueError):
        NewsClassifier(model_uri=MODEL, method="decision_function")
