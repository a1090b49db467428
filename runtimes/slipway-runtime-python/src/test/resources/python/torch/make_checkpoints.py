"""Writes the test checkpoints: a state_dict for ImageClassifier, a TorchScript model.pt for TorchServer."""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ImageClassifier import Net  # noqa: E402

out = sys.argv[1]
torch.manual_seed(0)
net = Net()
os.makedirs(os.path.join(out, "classifier"), exist_ok=True)
torch.save(net.state_dict(), os.path.join(out, "classifier", "checkpoint.pt"))
os.makedirs(os.path.join(out, "server"), exist_ok=True)
torch.jit.script(net).save(os.path.join(out, "server", "model.pt"))
with torch.no_grad():
    x = torch.tensor([[5.1, 3.5, 1.4, 0.2]])
    print(",".join("%.6f" % v for v in net(x)[0].tolist()))
