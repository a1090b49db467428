from seldon_core.flask_utils import SeldonMicroserviceException


class Raising:
    def predict(self, X, names):
        what = X if isinstance(X, str) else "plain"
        if what == "bad":
            raise SeldonMicroserviceException("this input is not for me", status_code=400)
        if what == "teapot":
            raise SeldonMicroserviceException("I am a teapot", status_code=418, reason="TEAPOT")
        if what == "metric":
            return SeldonResponseLike()
        raise ValueError("the model failed on purpose")


class SeldonResponseLike:
    pass
