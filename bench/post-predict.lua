-- wrk script: POST a Seldon v1 prediction with a 4-float ndarray, as SeldonClient(payload_type="ndarray") sends it.
wrk.method = "POST"
wrk.body = '{"meta": {}, "data": {"ndarray": [[5.1, 3.5, 1.4, 0.2]]}}'
wrk.headers["Content-Type"] = "application/json"
