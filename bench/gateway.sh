#!/usr/bin/env bash
# Gateway overhead: the same model server measured directly and through the gateway, side by side in one run,
# with wrk at 16 connections. Prints p50 added latency and the gateway's share of the direct requests/s.
# Usage: bench/gateway.sh [DURATION_SECONDS (default 15)] [ROUNDS (default 3)]
source "$(dirname "$0")/lib.sh"
duration="${1:-15}"
rounds="${2:-3}"
need_wrk
build
start_up
slipway deploy -f "$(manifest bench 1 2)" --server "$server" --wait >&2
direct_port="$(slipway get deployment bench -n default -o json --server "$server" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["replicas"][0]["port"])')"
script="$(wrk_script)"
direct="http://127.0.0.1:$direct_port/api/v1.0/predictions"
via="http://127.0.0.1:$gw_port/seldon/default/bench/api/v1.0/predictions"
# the ceiling: a do-nothing byte proxy (bench/raw-proxy) in front of the same replica
raw_port="$(free_port)"
java -XX:+UseSerialGC -cp "$root/slipway-cli/target/lib/*" "$root/bench/raw-proxy/RawProxy.java" "$raw_port" "$direct_port" \
  > "$work/raw-proxy.log" 2>&1 &
raw_pid=$!
trap 'kill "$raw_pid" 2>/dev/null || true; teardown' EXIT INT TERM
until grep -q "raw proxy" "$work/raw-proxy.log" 2>/dev/null; do sleep 0.1; done
raw="http://127.0.0.1:$raw_port/api/v1.0/predictions"
echo "bench: direct $direct" >&2
echo "bench: raw proxy $raw" >&2
echo "bench: gateway $via" >&2

measure() { # URL -> "rps p50_ms p99_ms errors"
  wrk -t2 -c16 -d"${duration}s" --latency -s "$script" "$1" > "$work/wrk.out"
  python3 - "$work/wrk.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
p = dict((k, ms(v, u)) for k, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", text, re.M))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors += int(non2xx.group(1)) if non2xx else 0
print(f"{rps:.0f} {p['50']:.3f} {p['99']:.3f} {errors}")
PY
}

# warm both paths up (JIT), then alternate rounds so both see the same machine load
wrk -t2 -c16 -d5s -s "$script" "$direct" > /dev/null
wrk -t2 -c16 -d5s -s "$script" "$via" > /dev/null
wrk -t2 -c16 -d5s -s "$script" "$raw" > /dev/null
printf "%-8s %-8s %10s %9s %9s %7s\n" round path "req/s" "p50 ms" "p99 ms" errors
d_rps=(); g_rps=(); d_p50=(); g_p50=(); r_rps=()
for r in $(seq 1 "$rounds"); do
  read -r rps p50 p99 err < <(measure "$direct"); d_rps+=("$rps"); d_p50+=("$p50")
  printf "%-8s %-8s %10s %9s %9s %7s\n" "$r" direct "$rps" "$p50" "$p99" "$err"
  read -r rps p50 p99 err < <(measure "$via"); g_rps+=("$rps"); g_p50+=("$p50")
  printf "%-8s %-8s %10s %9s %9s %7s\n" "$r" gateway "$rps" "$p50" "$p99" "$err"
  read -r rps p50 p99 err < <(measure "$raw"); r_rps+=("$rps")
  printf "%-8s %-8s %10s %9s %9s %7s\n" "$r" rawproxy "$rps" "$p50" "$p99" "$err"
done
python3 - "${d_rps[*]}" "${g_rps[*]}" "${d_p50[*]}" "${g_p50[*]}" "${r_rps[*]}" <<'PY'
import statistics, sys
d_rps, g_rps, d_p50, g_p50, r_rps = ([float(x) for x in a.split()] for a in sys.argv[1:6])
print(f"ceiling: a do-nothing byte proxy reaches {statistics.median(r_rps):.0f} req/s "
      f"({statistics.median(r_rps) / statistics.median(d_rps) * 100:.0f}% of direct); "
      f"the gateway reaches {statistics.median(g_rps) / statistics.median(r_rps) * 100:.0f}% of that ceiling")
ratio = statistics.median(g_rps) / statistics.median(d_rps)
added = statistics.median(g_p50) - statistics.median(d_p50)
print(f"median: direct {statistics.median(d_rps):.0f} req/s, gateway {statistics.median(g_rps):.0f} req/s "
      f"({ratio*100:.0f}% of direct); p50 added latency {added:.3f} ms")
print("targets: >= 70% of direct req/s:", "met" if ratio >= 0.70 else "NOT met",
      "| p50 added < 0.5 ms:", "met" if added < 0.5 else "NOT met")
PY
