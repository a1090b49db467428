import numpy as np


class Router:
    """A router in a graph: short sepals go to the first child, long ones to the second."""

    def route(self, X, names):
        return 0 if float(np.asarray(X).ravel()[0]) < 6.0 else 1
