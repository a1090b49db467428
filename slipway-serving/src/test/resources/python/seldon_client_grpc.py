"""Seldon Core's own Python SeldonClient (transport="grpc") against Slipway, every payload type.

Usage: python3 seldon_client_grpc.py SELDON_CORE_PYTHON_DIR gateway HOST:PORT DEPLOYMENT NAMESPACE
       python3 seldon_client_grpc.py SELDON_CORE_PYTHON_DIR microservice HOST:PORT
Prints one JSON object: case name -> {"success", "msg", "response"}.
The client package is seldon-core v1.18.2's python/ (not part of Slipway); prometheus_client, which only
its server-side metrics module needs, is stubbed when missing.
"""
import json
import sys
import types

seldon_dir, mode, endpoint = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, seldon_dir)

try:
    import prometheus_client  # noqa: F401
except ModuleNotFoundError:
    class _Stub(types.ModuleType):
        def __getattr__(self, name):
            if name.startswith("__"):
                raise AttributeError(name)
            return type(name, (), {"__init__": lambda self, *a, **k: None})
    for name in ("prometheus_client", "prometheus_client.core", "prometheus_client.utils"):
        sys.modules[name] = _Stub(name)

import numpy as np  # noqa: E402
from google.protobuf import json_format  # noqa: E402
from seldon_core.seldon_client import SeldonClient  # noqa: E402


def result(r):
    response = r.response
    if response is not None and not isinstance(response, dict):
        response = json_format.MessageToDict(response)
    return {"success": r.success, "msg": r.msg, "response": response}


out = {}
cases = {
    "ndarray": dict(data=np.array([[1.0, 2.0]]), payload_type="ndarray"),
    "tensor": dict(data=np.array([[1.0, 2.0]]), payload_type="tensor"),
    "strData": dict(str_data="abc"),
    "binData": dict(bin_data=b"\x00\x01\xff"),
    "jsonData": dict(json_data={"a": 1}),
}
if mode == "gateway":
    deployment, namespace = sys.argv[4], sys.argv[5]
    for return_type in ("dict", "proto"):
        sc = SeldonClient(deployment_name=deployment, namespace=namespace, gateway="ambassador",
                          transport="grpc", gateway_endpoint=endpoint, client_return_type=return_type)
        for name, kwargs in cases.items():
            out[name + ":" + return_type] = result(sc.predict(**kwargs))
    sc = SeldonClient(deployment_name=deployment, namespace=namespace, gateway="ambassador",
                      transport="grpc", gateway_endpoint=endpoint, client_return_type="proto")
    p = sc.predict(data=np.array([[1.0, 2.0]]), payload_type="ndarray")
    out["feedback"] = result(sc.feedback(prediction_request=p.request, prediction_response=p.response, reward=1.0))
else:
    sc = SeldonClient(transport="grpc", microservice_endpoint=endpoint, client_return_type="proto")
    for name, kwargs in cases.items():
        out["microservice:" + name] = result(sc.microservice(method="predict", **kwargs))
print(json.dumps(out))
