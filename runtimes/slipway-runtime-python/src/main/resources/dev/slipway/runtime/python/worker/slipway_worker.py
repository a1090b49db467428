"""Slipway's Python worker: runs one Seldon user-model class for the Java server.

Started by the Java runtime (PYTHON) as `python -u slipway_worker.py SHIM_DIR`. It speaks length-prefixed
binary frames on stdin (requests) and on the original stdout (answers); the model's own prints go to
stderr, which the Java side forwards to the server's log. The first request frame is the configuration;
the worker answers it once the class is constructed and load() has returned.

Values in a frame (little-endian): a tag byte, then
  0 None | 1 False | 2 True | 3 int64 | 4 float64 | 5 str (u32 n, utf-8) | 6 bytes (u32 n)
  7 list (u32 n, values) | 8 dict (u32 n, key value pairs)
  9 ndarray: u8 dtype code, u8 rank, u64 dims, then the raw elements (numeric and bool), or
    u32-prefixed elements (str: utf-8; bytes)
"""
import base64
import importlib
import inspect
import json
import os
import struct
import sys
import threading
import traceback

_PROTO_OUT = os.dup(1)
os.dup2(2, 1)  # the model's prints (and C libraries writing to fd 1) go to stderr, never into a frame

try:
    import numpy as np
except ImportError as _e:  # answered in the handshake below
    np = None
    _NUMPY_ERROR = _e

_I64 = struct.Struct("<q")
_F64 = struct.Struct("<d")
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")

# dtype code <-> numpy dtype (Java's DataType)
_CODES = {}
_DTYPES = {}
if np is not None:
    for _code, _dt in ((1, "<f8"), (2, "<f4"), (3, "<i8"), (4, "<i4"), (5, "|b1"), (8, "<i2"), (9, "|i1"),
                       (10, "|u1"), (11, "<u2"), (12, "<u4"), (13, "<u8")):
        _DTYPES[_code] = np.dtype(_dt)
        _CODES[np.dtype(_dt).newbyteorder("=")] = _code
_STR = 6
_BYTES = 7


class ProtocolError(Exception):
    pass


# ---------------------------------------------------------------- encoding

def _enc(v, out):
    if v is None:
        out.append(b"\x00")
    elif v is True or v is False:
        out.append(b"\x02" if v else b"\x01")
    elif isinstance(v, int):
        if -(1 << 63) <= v < (1 << 63):
            out.append(b"\x03" + _I64.pack(v))
        else:
            out.append(b"\x04" + _F64.pack(float(v)))
    elif isinstance(v, float):
        out.append(b"\x04" + _F64.pack(v))
    elif isinstance(v, str):
        b = v.encode("utf-8", "surrogatepass")
        out.append(b"\x05" + _U32.pack(len(b)))
        out.append(b)
    elif isinstance(v, (bytes, bytearray, memoryview)):
        b = bytes(v)
        out.append(b"\x06" + _U32.pack(len(b)))
        out.append(b)
    elif isinstance(v, dict):
        out.append(b"\x08" + _U32.pack(len(v)))
        for k, x in v.items():
            _enc(str(k), out)
            _enc(x, out)
    elif isinstance(v, (list, tuple)):
        out.append(b"\x07" + _U32.pack(len(v)))
        for x in v:
            _enc(x, out)
    elif np is not None and isinstance(v, np.ndarray):
        _enc_array(v, out)
    elif np is not None and isinstance(v, np.generic):
        _enc(v.item(), out)
    else:
        raise TypeError("cannot send a %s to the server" % type(v).__name__)


def _enc_array(a, out):
    kind = a.dtype.kind
    if kind == "f" and a.dtype.itemsize == 2:
        a = a.astype(np.float32)
    elif kind == "c":
        raise TypeError("complex arrays cannot be answered")
    if kind in "biuf":
        a = np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("<"))
        code = _CODES.get(a.dtype.newbyteorder("="))
        if code is None:
            a = a.astype("<f8")
            code = 1
        out.append(b"\x09" + bytes((code, a.ndim)) + b"".join(_U64.pack(d) for d in a.shape))
        out.append(a.tobytes())
        return
    if kind == "O":
        flat = a.ravel().tolist()
        if flat and all(isinstance(x, (int, float, bool)) and not isinstance(x, bool) for x in flat):
            _enc_array(np.array(flat, dtype=np.float64).reshape(a.shape), out)
            return
        if flat and all(isinstance(x, (bytes, bytearray)) for x in flat):
            _enc_elements(_BYTES, a.shape, [bytes(x) for x in flat], out)
            return
        _enc_elements(_STR, a.shape, [x if isinstance(x, str) else _text(x) for x in flat], out)
        return
    if kind == "S":
        _enc_elements(_BYTES, a.shape, a.ravel().tolist(), out)
        return
    _enc_elements(_STR, a.shape, [str(x) for x in a.ravel().tolist()], out)


def _text(x):
    return json.dumps(x) if isinstance(x, (list, dict)) else str(x)


def _enc_elements(code, shape, items, out):
    out.append(b"\x09" + bytes((code, len(shape))) + b"".join(_U64.pack(d) for d in shape))
    for x in items:
        b = x.encode("utf-8", "surrogatepass") if code == _STR else x
        out.append(_U32.pack(len(b)))
        out.append(b)


# ---------------------------------------------------------------- decoding

def _dec(buf, pos):
    tag = buf[pos]
    pos += 1
    if tag == 0:
        return None, pos
    if tag == 1:
        return False, pos
    if tag == 2:
        return True, pos
    if tag == 3:
        return _I64.unpack_from(buf, pos)[0], pos + 8
    if tag == 4:
        return _F64.unpack_from(buf, pos)[0], pos + 8
    if tag == 5 or tag == 6:
        n = _U32.unpack_from(buf, pos)[0]
        pos += 4
        raw = bytes(buf[pos:pos + n])
        return (raw.decode("utf-8", "surrogatepass") if tag == 5 else raw), pos + n
    if tag == 7:
        n = _U32.unpack_from(buf, pos)[0]
        pos += 4
        items = []
        for _ in range(n):
            x, pos = _dec(buf, pos)
            items.append(x)
        return items, pos
    if tag == 8:
        n = _U32.unpack_from(buf, pos)[0]
        pos += 4
        d = {}
        for _ in range(n):
            k, pos = _dec(buf, pos)
            x, pos = _dec(buf, pos)
            d[k] = x
        return d, pos
    if tag == 9:
        code = buf[pos]
        rank = buf[pos + 1]
        pos += 2
        shape = tuple(_U64.unpack_from(buf, pos + 8 * i)[0] for i in range(rank))
        pos += 8 * rank
        count = 1
        for d in shape:
            count *= d
        if code in _DTYPES:
            dt = _DTYPES[code]
            n = count * dt.itemsize
            a = np.frombuffer(buf, dtype=dt, count=count, offset=pos).reshape(shape)
            if dt.byteorder == "<" and sys.byteorder != "little":
                a = a.astype(dt.newbyteorder("="))
            return a, pos + n
        items = []
        for _ in range(count):
            n = _U32.unpack_from(buf, pos)[0]
            pos += 4
            raw = bytes(buf[pos:pos + n])
            pos += n
            items.append(raw.decode("utf-8", "surrogatepass") if code == _STR else raw)
        if code == _STR:
            return np.array(items).reshape(shape) if items else np.empty(shape, dtype=str), pos
        a = np.empty(count, dtype=object)
        a[:] = items
        return a.reshape(shape), pos
    raise ProtocolError("unknown value tag %d" % tag)


# ---------------------------------------------------------------- transport

_IN = open(0, "rb", buffering=0)
_OUT = open(_PROTO_OUT, "wb", buffering=0)


def _read_exactly(n):
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = _IN.readinto(view[got:])
        if not k:
            return None
        got += k
    return buf


def read_frame():
    head = _read_exactly(4)
    if head is None:
        return None
    n = _U32.unpack(head)[0]
    body = _read_exactly(n)
    if body is None:
        return None
    value, _ = _dec(body, 0)
    return value


def write_frame(value):
    parts = []
    _enc(value, parts)
    body = b"".join(parts)
    _OUT.write(_U32.pack(len(body)) + body)


# ---------------------------------------------------------------- the Seldon contract

class Failure(Exception):
    def __init__(self, message, status=500, reason="MICROSERVICE_INTERNAL_ERROR"):
        Exception.__init__(self, message)
        self.status = status
        self.reason = reason


class NotImplementedByModel(Exception):
    pass


def _not_implemented(e):
    return type(e).__name__ == "SeldonNotImplementedError"


class Runner:
    """Calls the user's object as seldon-core 1.18's seldon_methods/user_model do, on decoded payloads."""

    def __init__(self, obj, node_name):
        self.obj = obj
        self.node = node_name
        self.raw = {m: _overridden(obj, m) for m in ("predict_raw", "transform_input_raw", "transform_output_raw",
                                                     "route_raw", "aggregate_raw")}

    # payload helpers -------------------------------------------------
    @staticmethod
    def features(p):
        return p["value"]

    def _call_plain(self, name, X, names, meta):
        fn = getattr(self.obj, name, None)
        if fn is None:
            raise NotImplementedByModel()
        try:
            try:
                return fn(X, names, meta=meta)
            except TypeError:
                return fn(X, names)
        except Exception as e:
            if _not_implemented(e):
                raise NotImplementedByModel()
            raise

    def _user(self, name, *args):
        """The user object's method `name` called with args; NotImplementedByModel when it lacks it or says so."""
        fn = getattr(self.obj, name, None)
        if fn is None:
            raise NotImplementedByModel()
        try:
            return fn(*args)
        except Exception as e:
            if _not_implemented(e):
                raise NotImplementedByModel()
            raise

    def _raw(self, name, message_of, arg):
        if not self.raw[name]:
            raise NotImplementedByModel()
        try:
            return getattr(self.obj, name)(message_of(arg))
        except Exception as e:
            if _not_implemented(e):
                raise NotImplementedByModel()
            raise

    def _optional(self, name, default):
        fn = getattr(self.obj, name, None)
        if fn is None:
            return default
        try:
            return fn()
        except Exception as e:
            if _not_implemented(e):
                return default
            raise

    def custom_tags(self):
        return self._optional("tags", {}) or {}

    def custom_metrics(self, runtime_metrics):
        metrics = self._optional("metrics", [])
        for m in (runtime_metrics, metrics):
            if not _valid_metrics(m):
                raise Failure("Bad metric created during request: %s" % json.dumps(m, default=str), 500,
                              "MICROSERVICE_BAD_METRIC")
        return list(metrics or []) + list(runtime_metrics or [])

    def class_names(self, arr):
        if arr.ndim > 1:
            attr = getattr(self.obj, "class_names", None)
            if attr is not None:
                if inspect.ismethod(attr):
                    try:
                        return list(attr())
                    except Exception as e:
                        if not _not_implemented(e):
                            raise
                else:
                    return list(attr)
            return ["t:%d" % i for i in range(arr.shape[1])]
        return []

    def feature_names(self, original):
        return list(self._optional("feature_names", original) or [])

    # answers ----------------------------------------------------------
    def answer(self, data, tags, metrics, is_request, request_names):
        if _is_response(data):
            tags = dict(tags)
            tags.update(data.tags or {})
            metrics = list(metrics) + list(data.metrics or [])
            data = data.data
        all_tags = dict(self.custom_tags())
        all_tags.update(tags)
        out = {"tags": all_tags, "metrics": self.custom_metrics(metrics)}
        out["payload"] = self.payload_of(data, is_request, request_names)
        return out

    def payload_of(self, data, is_request, request_names):
        if isinstance(data, dict):
            return {"kind": "json", "value": _jsonable(data)}
        if isinstance(data, (bytes, bytearray)):
            return {"kind": "bytes", "value": bytes(data)}
        if isinstance(data, str):
            return {"kind": "str", "value": data}
        if np is not None and isinstance(data, np.ndarray):
            arr = data
        elif isinstance(data, list):
            arr = np.array(data)
        else:
            raise Failure("Unknown data type returned as payload (must be list or np array):" + str(data), 400,
                          "MICROSERVICE_BAD_DATA")
        names = self.feature_names(request_names) if is_request else self.class_names(arr)
        return {"kind": "tensor", "value": arr, "names": names}

    def raw_answer(self, msg):
        """A raw method's answer (a SeldonMessage dict) as a payload plus its tags and metrics."""
        if not isinstance(msg, dict):
            if hasattr(msg, "SerializeToString"):
                from google.protobuf import json_format
                msg = json_format.MessageToDict(msg)
            else:
                raise Failure("a raw method must return a SeldonMessage dict, not %s" % type(msg).__name__)
        meta = msg.get("meta") or {}
        tags = meta.get("tags") or {}
        metrics = meta.get("metrics") or []
        if not _valid_metrics(metrics):
            raise Failure("Bad metric created during request: %s" % json.dumps(metrics, default=str), 500,
                          "MICROSERVICE_BAD_METRIC")
        if "status" in msg and msg.get("status", {}).get("status") == "FAILURE":
            st = msg["status"]
            raise Failure(st.get("info", "the model answered a failure"), int(st.get("code", 500)) if
                          int(st.get("code", 500)) >= 400 else 500, st.get("reason", "MICROSERVICE_INTERNAL_ERROR"))
        if "data" in msg:
            d = msg["data"] or {}
            if "tensor" in d:
                t = d["tensor"]
                arr = np.array(t.get("values", [])).reshape(t.get("shape", [-1]))
            elif "ndarray" in d:
                arr = np.array(d["ndarray"])
            else:
                arr = np.array([])
            payload = {"kind": "tensor", "value": arr, "names": list(d.get("names") or [])}
        elif "jsonData" in msg:
            payload = {"kind": "json", "value": _jsonable(msg["jsonData"])}
        elif "strData" in msg:
            payload = {"kind": "str", "value": msg["strData"]}
        elif "binData" in msg:
            b = msg["binData"]
            payload = {"kind": "bytes", "value": base64.b64decode(b) if isinstance(b, str) else bytes(b)}
        else:
            raise Failure("the raw method's answer holds no data, strData, binData or jsonData")
        return {"payload": payload, "tags": tags, "metrics": metrics}

    # methods ------------------------------------------------------------
    def plain_or_raw(self, method, p, is_request, default_unchanged):
        try:
            return self.raw_answer(self._raw(method + "_raw", _message, p))
        except NotImplementedByModel:
            pass
        meta = {"tags": dict(p.get("tags") or {})}
        try:
            data = self._call_plain(method, p["value"], list(p.get("names") or []), meta)
        except NotImplementedByModel:
            if not default_unchanged:
                data = []
            else:
                data = p["value"]
        return self.answer(data, {}, [], is_request, list(p.get("names") or []))

    def predict(self, p):
        return self.plain_or_raw("predict", p, False, False)

    def transform_input(self, p):
        return self.plain_or_raw("transform_input", p, True, True)

    def transform_output(self, p):
        return self.plain_or_raw("transform_output", p, False, True)

    def route(self, p):
        try:
            ans = self.raw_answer(self._raw("route_raw", _message, p))
            value = ans["payload"]["value"]
            ans["route"] = int(np.asarray(value).ravel()[0])
            return ans
        except NotImplementedByModel:
            pass
        try:
            r = self._user("route", p["value"], list(p.get("names") or []))
        except NotImplementedByModel:
            return {"unsupported": "route is not implemented"}
        tags, metrics = {}, []
        if _is_response(r):
            tags, metrics, r = r.tags or {}, r.metrics or [], r.data
        all_tags = dict(self.custom_tags())
        all_tags.update(tags)
        return {"route": int(r), "tags": all_tags, "metrics": self.custom_metrics(metrics)}

    def aggregate(self, ps):
        try:
            return self.raw_answer(self._raw("aggregate_raw", _messages, ps))
        except NotImplementedByModel:
            pass
        try:
            data = self._user("aggregate", [p["value"] for p in ps], [list(p.get("names") or []) for p in ps])
        except NotImplementedByModel:
            return {"unsupported": "aggregate is not implemented"}
        return self.answer(data, {}, [], False, [])

    def send_feedback(self, request, response, truth, reward, routing):
        fn = getattr(self.obj, "send_feedback", None)
        data = None
        if fn is not None:
            features = request["value"] if request else None
            names = list(request.get("names") or []) if request else []
            try:
                data = fn(features, names, reward, truth["value"] if truth else None, routing=routing)
            except Exception as e:
                if not _not_implemented(e):
                    raise
        if data is None:
            return {"payload": None, "tags": self.custom_tags(), "metrics": self.custom_metrics([])}
        return self.answer(data, {}, [], False, [])

    def health_status(self):
        fn = getattr(self.obj, "health_status", None)
        if fn is None:
            return {"payload": None}
        try:
            data = fn()
        except Exception as e:
            if _not_implemented(e):
                return {"payload": None}
            raise
        return self.answer(data, {}, [], False, [])


def _overridden(obj, name):
    """Whether the object has the method other than as seldon_core's SeldonComponent default."""
    fn = getattr(obj, name, None)
    if fn is None or not callable(fn):
        return False
    return getattr(fn, "__module__", "") != "seldon_core.user_model"


def _messages(ps):
    return {"seldonMessages": [_message(p) for p in ps]}


def _is_response(x):
    return type(x).__name__ == "SeldonResponse" and hasattr(x, "data") and hasattr(x, "tags")


def _valid_metrics(metrics):
    if metrics is None:
        return True
    if not isinstance(metrics, (list, tuple)):
        return False
    for m in metrics:
        if not isinstance(m, dict) or "key" not in m or "value" not in m:
            return False
        if m.get("type", "COUNTER") not in ("COUNTER", "GAUGE", "TIMER"):
            return False
        if not isinstance(m["value"], (int, float)) or isinstance(m["value"], bool):
            if not (np is not None and isinstance(m["value"], np.number)):
                return False
    return True


def _jsonable(x):
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if np is not None and isinstance(x, np.ndarray):
        return x.tolist()
    if np is not None and isinstance(x, np.generic):
        return x.item()
    return x


def _message(p):
    """A payload as the SeldonMessage dict seldon-core's REST server gives raw methods."""
    meta = {"tags": dict(p.get("tags") or {})}
    kind = p["kind"]
    if kind == "tensor":
        value = p["value"]
        data = {"names": list(p.get("names") or [])}
        data["ndarray"] = value.tolist() if np is not None and isinstance(value, np.ndarray) else value
        return {"data": data, "meta": meta}
    if kind == "json":
        return {"jsonData": p["value"], "meta": meta}
    if kind == "str":
        return {"strData": p["value"], "meta": meta}
    return {"binData": base64.b64encode(p["value"]).decode("ascii"), "meta": meta}


# ---------------------------------------------------------------- start-up

_TYPES = {
    "INT": int,
    "FLOAT": float,
    "DOUBLE": float,
    "STRING": str,
    "BOOL": lambda v: v if isinstance(v, bool) else str(v).strip().lower() in ("true", "1", "yes", "y", "on"),
    "JSON": lambda v: json.loads(v) if isinstance(v, str) else v,
}


def _parameters(params):
    out = {}
    for p in params:
        t = (p.get("type") or "STRING").upper()
        if t not in _TYPES:
            raise Failure("parameter '%s' has type %s; expected one of %s" % (p["name"], t, ", ".join(_TYPES)))
        try:
            out[p["name"]] = _TYPES[t](p["value"])
        except (ValueError, TypeError) as e:
            raise Failure("parameter '%s' (%s) has the value %r: %s" % (p["name"], t, p["value"], e))
    return out


def _use_seldon_core(shim):
    """The real seldon_core when this interpreter can import it; else Slipway's minimal one."""
    try:
        import seldon_core.user_model  # noqa: F401
        return "seldon_core " + getattr(sys.modules.get("seldon_core"), "__version__", "(installed)")
    except Exception:
        for name in [m for m in sys.modules if m == "seldon_core" or m.startswith("seldon_core.")]:
            del sys.modules[name]
        sys.path.append(shim)
        return "slipway's minimal seldon_core"


def _watch_parent():
    parent = os.getppid()

    def watch():
        import time
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(70)

    threading.Thread(target=watch, name="slipway-parent-watch", daemon=True).start()


def _start(config):
    sys.path.insert(0, config["dir"])
    seldon = _use_seldon_core(config["shim"])
    try:
        module = importlib.import_module(config["module"])
    except BaseException as e:
        raise Failure("cannot import module '%s' from %s with %s: %s: %s" % (
            config["module"], config["dir"], sys.executable, type(e).__name__, e))
    cls = getattr(module, config["class"], None)
    if cls is None or not inspect.isclass(cls):
        raise Failure("module '%s' (%s) has no class '%s'" % (config["module"], getattr(module, "__file__", "?"),
                                                              config["class"]))
    kwargs = _parameters(config.get("parameters") or [])
    try:
        obj = cls(**kwargs)
    except BaseException as e:
        raise Failure("%s(%s) failed: %s: %s" % (config["class"], ", ".join(sorted(kwargs)), type(e).__name__, e))
    if hasattr(obj, "load"):
        try:
            obj.load()
        except BaseException as e:
            raise Failure("%s.load() failed: %s: %s" % (config["class"], type(e).__name__, e))
    metadata = None
    if hasattr(obj, "init_metadata"):
        try:
            metadata = _jsonable(obj.init_metadata())
        except Exception as e:
            if not _not_implemented(e):
                raise Failure("%s.init_metadata() failed: %s: %s" % (config["class"], type(e).__name__, e))
    return obj, {"ready": True, "pid": os.getpid(), "python": sys.version.split()[0], "seldon_core": seldon,
                 "metadata": metadata}


def _error(e):
    if isinstance(e, Failure):
        return {"error": str(e), "status": e.status, "reason": e.reason}
    status = getattr(e, "status_code", None)
    if type(e).__name__ in ("SeldonMicroserviceException", "SeldonNotImplementedError") or isinstance(status, int):
        reason = getattr(e, "reason", None) or "MICROSERVICE_BAD_DATA"
        message = getattr(e, "message", None) or str(e)
        return {"error": str(message), "status": int(status) if isinstance(status, int) else 400, "reason": reason}
    traceback.print_exc()
    return {"error": "%s: %s" % (type(e).__name__, e), "status": 500, "reason": "MICROSERVICE_INTERNAL_ERROR"}


def main():
    _watch_parent()
    config = read_frame()
    if config is None:
        return
    if np is None:
        write_frame({"error": "numpy is not importable by %s (%s): install it for this interpreter"
                     % (sys.executable, _NUMPY_ERROR), "status": 500, "reason": "LOAD_FAILED"})
        return
    try:
        obj, hello = _start(config)
    except BaseException as e:
        write_frame(_error(e))
        return
    runner = Runner(obj, config.get("name", "model"))
    write_frame(hello)
    while True:
        req = read_frame()
        if req is None:
            return
        op = req[0]
        try:
            if op == "predict":
                ans = runner.predict(req[1])
            elif op == "transform_input":
                ans = runner.transform_input(req[1])
            elif op == "transform_output":
                ans = runner.transform_output(req[1])
            elif op == "route":
                ans = runner.route(req[1])
            elif op == "aggregate":
                ans = runner.aggregate(req[1])
            elif op == "send_feedback":
                ans = runner.send_feedback(req[1], req[2], req[3], req[4], req[5])
            elif op == "health_status":
                ans = runner.health_status()
            else:
                ans = {"error": "unknown operation %r" % op, "status": 500, "reason": "MICROSERVICE_INTERNAL_ERROR"}
        except BaseException as e:
            if isinstance(e, (KeyboardInterrupt, SystemExit)):
                raise
            ans = _error(e)
        try:
            write_frame(ans)
        except TypeError as e:
            write_frame({"error": "the model's answer cannot be sent: %s" % e, "status": 500,
                         "reason": "MICROSERVICE_INTERNAL_ERROR"})


if __name__ == "__main__":
    main()
