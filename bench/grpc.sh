#!/usr/bin/env bash
# gRPC vs REST, and request logging on vs off, through the gateway of one `slipway up`, side by side in one run.
# The same load generator (bench/grpc-load/GrpcLoad.java: CONNECTIONS closed-loop callers) sends the same 4-float
# ndarray prediction to the same model (the example linear scorer, one replica) as:
#   rest      REST  to deployment "bench"  (no request logging)
#   grpc      gRPC  to deployment "bench"  (seldon.protos.Seldon/Predict, Ambassador's metadata)
#   rest-log  REST  to deployment "logged" (seldon.io/engine-seldon-log-messages-externally: "true"; every request
#             and response goes to the built-in sink of `slipway up --request-log`, a live sink writing to disk)
# Rounds alternate the three so each sees the same machine load; prints medians and the two ratios.
# Usage: bench/grpc.sh [SECONDS (default 10)] [ROUNDS (default 3)] [CONNECTIONS (default 16)]
source "$(dirname "$0")/lib.sh"
duration="${1:-10}"
rounds="${2:-3}"
connections="${3:-16}"
build
start_up --request-log
slipway deploy -f "$(manifest bench 1 2)" --server "$server" --wait >&2
logged="$(manifest logged 1 2)"
python3 - "$logged" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read().replace("spec:\n", "spec:\n  annotations:\n    seldon.io/engine-seldon-log-messages-externally: \"true\"\n", 1)
open(path, "w").write(text)
PY
slipway deploy -f "$logged" --server "$server" --wait >&2
load() { # MODE DEPLOYMENT -> "rps p50 p99 errors"
  java -XX:+UseSerialGC -cp "$root/slipway-cli/target/lib/*" "$root/bench/grpc-load/GrpcLoad.java" "$1" \
    "127.0.0.1:$gw_port" default "$2" "$connections" "$duration"
}
# warm-up (JIT on both paths and the sink)
load rest bench > /dev/null; load grpc bench > /dev/null; load rest logged > /dev/null
printf "%-6s %-9s %10s %9s %9s %7s\n" round path "req/s" "p50 ms" "p99 ms" errors
rest=(); grpc=(); logd=()
for r in $(seq 1 "$rounds"); do
  read -r rps p50 p99 err < <(load rest bench); rest+=("$rps")
  printf "%-6s %-9s %10s %9s %9s %7s\n" "$r" rest "$rps" "$p50" "$p99" "$err"
  read -r rps p50 p99 err < <(load grpc bench); grpc+=("$rps")
  printf "%-6s %-9s %10s %9s %9s %7s\n" "$r" grpc "$rps" "$p50" "$p99" "$err"
  read -r rps p50 p99 err < <(load rest logged); logd+=("$rps")
  printf "%-6s %-9s %10s %9s %9s %7s\n" "$r" rest-log "$rps" "$p50" "$p99" "$err"
done
sent="$(curl -s "http://127.0.0.1:$gw_port/prometheus" | grep -E '^seldon_request_log_(sent|dropped)_total' || true)"
echo "$sent"
python3 - "${rest[*]}" "${grpc[*]}" "${logd[*]}" <<'PY'
import statistics, sys
rest, grpc, logd = ([float(x) for x in a.split()] for a in sys.argv[1:4])
r, g, l = statistics.median(rest), statistics.median(grpc), statistics.median(logd)
print(f"median req/s: rest {r:.0f}, grpc {g:.0f} ({g / r * 100:.0f}% of rest), rest with logging {l:.0f} "
      f"({l / r * 100:.0f}% of logging off)")
print("targets: grpc >= rest:", "met" if g >= r else "NOT met", "| logging on >= 90% of off:",
      "met" if l >= 0.9 * r else "NOT met")
PY
