from seldon_core.user_model import SeldonComponent


class RawModel(SeldonComponent):
    """predict_raw gets the whole message and answers one."""

    def predict_raw(self, msg):
        rows = msg["data"]["ndarray"]
        return {"data": {"names": ["sum"], "ndarray": [[sum(r)] for r in rows]},
                "meta": {"tags": {"raw": True, "seen": msg["meta"].get("tags", {})},
                         "metrics": [{"type": "TIMER", "key": "raw_ms", "value": 1.5}]}}

    def transform_input_raw(self, msg):
        return {"strData": "raw:" + msg.get("strData", "")}
