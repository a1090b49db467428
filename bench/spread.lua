-- wrk script: POST one iris row to SPREAD_N models in turn, at SPREAD_PREFIX .. i .. "/api/v1.0/predictions"
-- (i = 1..SPREAD_N; e.g. SPREAD_PREFIX=/models/m for a packed server, /seldon/bench/m through a gateway).
local n = tonumber(os.getenv("SPREAD_N"))
local prefix = os.getenv("SPREAD_PREFIX")
local i = 0
local body = '{"data":{"ndarray":[[5.5,3.5,1.3,0.2]]}}'
request = function()
  i = i % n + 1
  return wrk.format("POST", prefix .. i .. "/api/v1.0/predictions", {["Content-Type"] = "application/json"}, body)
end
