-- wrk: one text for the news classifier
wrk.method = "POST"
wrk.body = '{"data": {"ndarray": ["History books which contain no lies are extremely dull."]}}'
wrk.headers["Content-Type"] = "application/json"
