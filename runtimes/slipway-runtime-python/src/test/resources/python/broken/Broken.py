import module_that_does_not_exist  # noqa: F401


class Broken:
    def predict(self, X, names):
        return X
