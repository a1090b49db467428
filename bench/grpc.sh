#!/usr/bin/env bash
# gRPC vs REST, and request logging on vs off, through the gateway of one `slipway up`, side by side in one run.
# One load generator (nghttp2's h2load by default, see BENCH_LOAD below; or bench/grpc-load/GrpcLoad.java:
# CONNECTIONS closed-loop callers per path, warmed up for BENCH_WARMUP seconds, default 10) sends the same 4-float
# ndarray prediction to the same model (the example linear scorer, one replica) as:
#   direct-rest  REST straight to the replica of "bench" (/api/v1.0/predictions)
#   direct-grpc  gRPC straight to the replica of "bench" (seldon.protos.Model/Predict)
#   rest         REST  to deployment "bench" through the gateway (no request logging)
#   grpc         gRPC  to deployment "bench" through the gateway (seldon.protos.Seldon/Predict, Ambassador's metadata)
#   rest-log     REST  to deployment "logged" (seldon.io/engine-seldon-log-messages-externally: "true"; every request
#                and response goes to the built-in sink of `slipway up --request-log`, a live sink writing to disk)
# Rounds alternate the paths so each sees the same machine load; prints medians, the ratios, and the CPU time the
# gateway and the replicas (both deployments') spent per request (from /proc: less noisy than req/s on a shared
# machine).
# Usage: bench/grpc.sh [SECONDS (default 10)] [ROUNDS (default 3)] [CONNECTIONS (default 16)]
# BENCH_PATHS="rest rest-log" runs only those paths (default: all five).
# BENCH_LOAD=h2load (the default): nghttp2's h2load (C; Debian nghttp2-client, installed when missing) drives every
# path — REST over HTTP/1.1 (--h1), gRPC over HTTP/2 with prior knowledge, one h2load thread per run — so the
# generator costs both protocols alike; answers are checked with real clients before and after (see
# bench/grpc-h2load.sh). BENCH_LOAD=java: GrpcLoad (grpc-java for gRPC, Vert.x's HTTP/1.1 client for REST: the
# generator's own cost then differs between the protocols on the same two cores).
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
direct_port() { # DEPLOYMENT -> the port of its first replica
  slipway get deployment "$1" -n default -o json --server "$server" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["replicas"][0]["port"])'
}
replica="$(direct_port bench)"
pid_on_port() { # PORT -> the process listening on it (a replica: a child of slipway up), for its CPU time per request
  python3 - "$1" <<'PY'
import os, sys
port = int(sys.argv[1])
inodes = set()
for name in ("/proc/net/tcp", "/proc/net/tcp6"):
    for line in open(name).read().splitlines()[1:]:
        f = line.split()
        if int(f[1].split(":")[1], 16) == port and f[3] == "0A":
            inodes.add(f[9])
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            if os.readlink(f"/proc/{pid}/fd/{fd}").strip("socket:[]") in inodes:
                print(pid); sys.exit()
    except OSError:
        pass
PY
}
replica_pid="$(pid_on_port "$replica")"
logged_pid="$(pid_on_port "$(direct_port logged)")"
pids="$up_pid,$replica_pid,$logged_pid"
source "$root/bench/grpc-h2load.sh"
# one load-generator process for every path (compiled once; a JVM per measurement measured its own warm-up)
mkdir -p "$work/grpc-load"
javac -nowarn -d "$work/grpc-load" -cp "$root/slipway-cli/target/lib/*" "$root/bench/grpc-load/GrpcLoad.java"
echo "bench: gateway 127.0.0.1:$gw_port (pid $up_pid), replica of bench 127.0.0.1:$replica (pid $replica_pid), of logged pid $logged_pid" >&2
printf "%-6s %-12s %10s %9s %9s %7s %14s\n" round path "req/s" "p50 ms" "p99 ms" errors "server µs/req"
targets=()
for t in "direct-rest=rest,127.0.0.1:$replica,-,-" "direct-grpc=grpc,127.0.0.1:$replica,-,-" \
  "rest=rest,127.0.0.1:$gw_port,default,bench" "grpc=grpc,127.0.0.1:$gw_port,default,bench" \
  "rest-log=rest,127.0.0.1:$gw_port,default,logged"; do
  case " ${BENCH_PATHS:-direct-rest direct-grpc rest grpc rest-log} " in *" ${t%%=*} "*) targets+=("$t") ;; esac
done
if [ "${BENCH_LOAD:-h2load}" = h2load ]; then
  load_h2 "$connections" "$duration" "$rounds" "${BENCH_WARMUP:-10}" "${targets[@]}"
else
  java -XX:+UseSerialGC -Dpids="$up_pid,$replica_pid,$logged_pid" -cp "$work/grpc-load:$root/slipway-cli/target/lib/*" \
    GrpcLoad "$connections" "$duration" "$rounds" "${BENCH_WARMUP:-10}" "${targets[@]}"
fi | tee "$work/load.out" | while read -r r name rps p50 p99 err cpu; do
      printf "%-6s %-12s %10s %9s %9s %7s %14s\n" "$r" "$name" "$rps" "$p50" "$p99" "$err" "$cpu"
    done
curl -s "http://127.0.0.1:$gw_port/prometheus" | grep -E '^seldon_request_log_(sent|dropped)_total' || true
python3 - "$work/load.out" <<'PY'
import collections, statistics, sys
rps, cpu = collections.defaultdict(list), collections.defaultdict(list)
for line in open(sys.argv[1]):
    r, name, req, p50, p99, err, us = line.split()
    rps[name].append(float(req))
    if us != "-":
        cpu[name].append(float(us))
m = {k: statistics.median(v) for k, v in rps.items()}
c = {k: statistics.median(v) for k, v in cpu.items()}
print("median req/s: " + ", ".join(f"{k} {v:.0f}" for k, v in m.items()))
print("median server CPU µs per request (gateway + replica): " + ", ".join(f"{k} {v:.1f}" for k, v in c.items()))
def ratio(label, a, b, target):
    if a in m and b in m:
        r = m[a] / m[b]
        print(f"{label}: {r * 100:.0f}% (target {target * 100:.0f}%: {'met' if r >= target else 'NOT met'})")
ratio("direct: grpc / rest", "direct-grpc", "direct-rest", 1.0)
ratio("gateway: grpc / rest", "grpc", "rest", 1.0)
ratio("gateway: rest with logging on / off", "rest-log", "rest", 0.9)
PY
