# Sourced by bench/grpc.sh when BENCH_LOAD=h2load: load_h2 CONNECTIONS SECONDS ROUNDS WARMUP TARGET... prints the
# lines GrpcLoad prints ("ROUND NAME REQ_PER_S P50_MS P99_MS ERRORS SERVER_CPU_US_PER_REQUEST"; h2load reports no
# percentiles: "-") for the same TARGETs (NAME=rest|grpc,HOST:PORT,NAMESPACE,DEPLOYMENT), one h2load run per target
# and round, rounds alternating the targets. h2load (nghttp2-client) is as cheap as wrk and speaks both HTTP/1.1 and
# HTTP/2, so the generator's cost no longer differs between REST (Vert.x's client) and gRPC (grpc-java). It counts
# non-2xx answers only: a gRPC failure is 200 + grpc-status, so every target is also called with real clients
# (python grpcio, curl) before and after the load, and the run fails if an answer is not a prediction.
# Needs: $work, $pids (comma-separated server pids for the CPU figure).
# BENCH_THREADS=1 also prints (stderr) the CPU per request of each busy thread of `slipway up` ($up_pid), from
# /proc/PID/task/*/schedstat (nanoseconds): e.g. what the gateway's event loop and the request-log writer each cost.

need_h2load() {
  if ! command -v h2load >/dev/null 2>&1; then
    echo "bench: installing h2load (Debian package nghttp2-client)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y -q nghttp2-client || { apt-get update -q && apt-get install -y -q nghttp2-client; }; } >/dev/null
  fi
}

# the bodies: REST's JSON, and the same ndarray as a length-prefixed SeldonMessage (hand-encoded protobuf)
h2_bodies() {
  printf '%s' '{"data":{"ndarray":[[1.0, 2.0, 3.0, 4.0]]}}' > "$work/body.json"
  /usr/bin/python3 - "$work/body.grpc" <<'PY'
import struct, sys
def field(number, payload):  # a length-delimited field (wire type 2)
    n, out = len(payload), bytearray([number << 3 | 2])
    while True:
        out.append((n & 0x7f) | (0x80 if n > 0x7f else 0)); n >>= 7
        if not n: return bytes(out) + payload
def number(v): return field(1, b"\x11" + struct.pack("<d", v))  # ListValue.values: Value{number_value}
row = field(1, field(6, b"".join(number(v) for v in (1.0, 2.0, 3.0, 4.0))))  # Value{list_value: [1..4]}
message = field(3, field(3, row))  # SeldonMessage.data = DefaultData{ndarray: [[1, 2, 3, 4]]}
open(sys.argv[1], "wb").write(b"\x00" + struct.pack(">I", len(message)) + message)
PY
}

# h2_check TARGET: a few calls with real clients; fails the bench unless each answers a prediction
h2_check() {
  local name="${1%%=*}" spec proto addr ns dep
  IFS=, read -r proto addr ns dep <<< "${1#*=}"
  if [ "$proto" = rest ]; then
    local url="http://$addr/api/v1.0/predictions"
    [ "$ns" = - ] || url="http://$addr/seldon/$ns/$dep/api/v1.0/predictions"
    for _ in 1 2 3; do
      curl -sf -H 'content-type: application/json' --data-binary @"$work/body.json" "$url" | grep -q '"ndarray"' \
        || { echo "bench: $name: REST answer is not a prediction" >&2; return 1; }
    done
  else
    /usr/bin/python3 - "$addr" "$ns" "$dep" "$work/body.grpc" <<'PY' || { echo "bench: $name: gRPC check failed" >&2; return 1; }
import grpc, sys
addr, ns, dep, body = sys.argv[1:]
request = open(body, "rb").read()[5:]
method = "/seldon.protos.Model/Predict" if ns == "-" else "/seldon.protos.Seldon/Predict"
metadata = () if ns == "-" else (("seldon", dep), ("namespace", ns))
with grpc.insecure_channel(addr) as channel:
    call = channel.unary_unary(method)  # bytes in, bytes out
    for _ in range(3):
        answer = call(request, metadata=metadata, timeout=10)
        assert b"\x1a" in answer and len(answer) > 10, answer  # a SeldonMessage with data
PY
  fi
}

h2_ticks() { # the CPU ticks (user + system) the server processes have used
  local total=0 p
  for p in ${pids//,/ }; do
    [ -r "/proc/$p/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}

h2_threads() { # "NAME NANOSECONDS" for each thread of slipway up (BENCH_THREADS=1), else nothing
  [ -n "${BENCH_THREADS:-}" ] || return 0
  local t
  for t in /proc/"$up_pid"/task/*; do
    echo "$(tr ' ' _ < "$t/comm") $(cut -d' ' -f1 "$t/schedstat")"
  done 2>/dev/null
}

# h2_run SECONDS CONNECTIONS TARGET -> "REQ_PER_S - - ERRORS CPU_US_PER_REQUEST"
h2_run() {
  local seconds="$1" connections="$2" spec proto addr ns dep out before after
  IFS=, read -r proto addr ns dep <<< "${3#*=}"
  local args=(-t1 -c"$connections" -m1 -D"$seconds" -d "$work/body.json" -H 'content-type: application/json' --h1)
  local url="http://$addr/api/v1.0/predictions"
  if [ "$proto" = rest ]; then
    [ "$ns" = - ] || url="http://$addr/seldon/$ns/$dep/api/v1.0/predictions"
  else
    args=(-t1 -c"$connections" -m1 -D"$seconds" -d "$work/body.grpc" -H 'content-type: application/grpc'
      -H 'te: trailers')
    url="http://$addr/seldon.protos.Model/Predict"
    [ "$ns" = - ] || { url="http://$addr/seldon.protos.Seldon/Predict"; args+=(-H "seldon: $dep" -H "namespace: $ns"); }
  fi
  threads_before="$(h2_threads)"
  before="$(h2_ticks)"
  out="$(h2load "${args[@]}" "$url" 2>&1)"
  after="$(h2_ticks)"
  H2_OUT="$out" H2_NAME="${3%%=*}" H2_THREADS_BEFORE="$threads_before" H2_THREADS_AFTER="$(h2_threads)" \
    python3 - "$before" "$after" "$(getconf CLK_TCK)" <<'PY'
import collections, os, re, sys
out = os.environ["H2_OUT"]
before, after, hz = map(int, sys.argv[1:])
m = re.search(r"finished in ([\d.]+)(m?s), ([\d.]+) req/s", out)
d = re.search(r"requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored", out)
s = re.search(r"status codes: (\d+) 2xx", out)
if not (m and d):
    sys.exit("h2load: " + out)
done, ok2xx = int(d.group(1)), int(s.group(1)) if s else 0
errors = int(d.group(3)) + int(d.group(4)) + max(0, done - ok2xx)  # a stream can end after the count
cpu = (after - before) * 1e6 / hz / max(ok2xx, 1)
print(f"{float(m.group(3)):.0f} - - {errors} {cpu:.1f}")
def threads(text):  # thread name -> nanoseconds on CPU (threads of one name summed)
    ns = collections.Counter()
    for line in text.splitlines():
        name, t = line.rsplit(" ", 1)
        ns[name] += int(t)
    return ns
if os.environ["H2_THREADS_AFTER"]:
    spent = threads(os.environ["H2_THREADS_AFTER"])
    spent.subtract(threads(os.environ["H2_THREADS_BEFORE"]))
    busy = [(n, t / 1e3 / max(ok2xx, 1)) for n, t in spent.most_common() if t / 1e3 / max(ok2xx, 1) >= 0.05]
    print(f"threads {os.environ['H2_NAME']}: " + ", ".join(f"{n} {us:.2f}" for n, us in busy) + " µs/request",
          file=sys.stderr)
PY
}

load_h2() { # CONNECTIONS SECONDS ROUNDS WARMUP TARGET...
  local connections="$1" seconds="$2" rounds="$3" warmup="$4" t r
  shift 4
  need_h2load
  h2_bodies
  for t in "$@"; do h2_check "$t" || return 1; done
  for t in "$@"; do h2_run "$warmup" "$connections" "$t" > /dev/null; done
  for r in $(seq 1 "$rounds"); do
    for t in "$@"; do
      echo "$r ${t%%=*} $(h2_run "$seconds" "$connections" "$t")"
    done
  done
  for t in "$@"; do h2_check "$t" || return 1; done
}
