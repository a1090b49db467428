-- wrk: one iris row as SeldonClient(payload_type="ndarray") sends it
wrk.method = "POST"
wrk.body = '{"data": {"ndarray": [[5.1, 3.5, 1.4, 0.2]]}}'
wrk.headers["Content-Type"] = "application/json"
