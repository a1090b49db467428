"""The user-model base class of seldon-core's Python wrapper: every optional method says it is not implemented."""
from seldon_core.flask_utils import SeldonMicroserviceException


class SeldonNotImplementedError(SeldonMicroserviceException):
    status_code = 400

    def __init__(self, message):
        SeldonMicroserviceException.__init__(self, message)


class SeldonResponse:
    """Data returned by a SeldonComponent method together with runtime tags and metrics."""

    def __init__(self, data, tags=None, metrics=None):
        self.data = data
        self.tags = tags if tags is not None else {}
        self.metrics = metrics if metrics is not None else []

    @classmethod
    def create(cls, data):
        return data if isinstance(data, cls) else cls(data=data)


def _missing(name):
    def method(self, *args, **kwargs):
        raise SeldonNotImplementedError("%s is not implemented" % name)

    method.__name__ = name
    return method


class SeldonComponent:
    def __init__(self, **kwargs):
        pass

    def load(self):
        pass


for _name in ("tags", "class_names", "predict", "predict_raw", "send_feedback_raw", "transform_input",
              "transform_input_raw", "transform_output", "transform_output_raw", "metrics", "feature_names",
              "send_feedback", "route", "route_raw", "aggregate", "aggregate_raw", "health_status",
              "health_status_raw", "metadata", "init_metadata"):
    setattr(SeldonComponent, _name, _missing(_name))
