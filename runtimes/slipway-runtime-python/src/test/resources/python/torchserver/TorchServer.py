import logging
import os

import numpy as np
import seldon_core
import torch
from seldon_core.user_model import SeldonComponent

logger = logging.getLogger(__name__)


class TorchServer(SeldonComponent):
    """A reusable server in the style of seldon's servers/: any TorchScript model.pt of its modelUri."""

    def __init__(self, model_uri: str = None, method: str = "predict"):
        super().__init__()
        self.model_uri = model_uri
        self.method = method
        self.ready = False

    def load(self):
        folder = seldon_core.Storage.download(self.model_uri)
        self.model = torch.jit.load(os.path.join(folder, "model.pt"))
        self.model.eval()
        self.ready = True

    def predict(self, X, feature_names=None, meta=None):
        with torch.no_grad():
            out = self.model(torch.from_numpy(np.asarray(X, dtype=np.float32)))
        return out.numpy()
