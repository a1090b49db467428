import os
import time


class Sleepy:
    def predict(self, X, names):
        seconds = float(X) if isinstance(X, str) else 0.0
        if seconds < 0:
            os._exit(3)
        time.sleep(seconds)
        return {"slept": seconds, "pid": os.getpid()}
