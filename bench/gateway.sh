#!/usr/bin/env bash
# Gateway overhead: the same model server measured directly and through the gateway, side by side in one run,
# with wrk at 16 connections. Prints p50 added latency and the gateway's share of the direct requests/s.
# One `slipway up` per variant (GATEWAY_VARIANTS, default "uds tcp nio"), each with the same deployment:
#   uds  native epoll transport, the gateway reaching the replica on its Unix domain socket (the default)
#   tcp  native epoll transport, loopback TCP to the replica (-Dslipway.gateway.sockets=false)
#   nio  Java NIO everywhere, loopback TCP (-Dslipway.transport=nio: the transport before epoll)
# Rounds go through every path in turn, so all see the same machine load; figures are medians.
# Usage: bench/gateway.sh [DURATION_SECONDS (default 15)] [ROUNDS (default 3)]
source "$(dirname "$0")/lib.sh"
duration="${1:-15}"
rounds="${2:-3}"
variants=(${GATEWAY_VARIANTS:-uds tcp nio})
need_wrk
build
script="$(wrk_script)"
declare -A url
paths=()
for v in "${variants[@]}"; do
  case "$v" in
    uds) opts="" ;;
    tcp) opts="-Dslipway.gateway.sockets=false" ;;
    nio) opts="-Dslipway.transport=nio" ;;
    *) echo "bench: unknown variant $v" >&2; exit 2 ;;
  esac
  [ -n "$up_pid" ] && more_pids+=("$up_pid")
  UP_JAVA_OPTS="$opts" start_up "$v"
  slipway deploy -f "$(manifest bench 1 2)" --server "$server" --wait >&2
  port="$(slipway get deployment bench -n default -o json --server "$server" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["replicas"][0]["port"])')"
  # the direct path of the first variant and of nio (the replica's own transport differs)
  if [ "${#paths[@]}" -eq 0 ] || [ "$v" = nio ]; then
    url["direct-$v"]="http://127.0.0.1:$port/api/v1.0/predictions"; paths+=("direct-$v")
    [ "${#paths[@]}" -eq 1 ] && direct_port="$port"
  fi
  url["gw-$v"]="http://127.0.0.1:$gw_port/seldon/default/bench/api/v1.0/predictions"; paths+=("gw-$v")
  grep -h "network transport" "$work/up-$v.log" | tail -1 | sed "s/^/bench: $v: /" >&2
done
first="${paths[0]}"
# the ceiling: a do-nothing byte proxy (bench/raw-proxy) in front of the first variant's replica
raw_port="$(free_port)"
java -XX:+UseSerialGC -cp "$root/slipway-cli/target/lib/*" "$root/bench/raw-proxy/RawProxy.java" "$raw_port" "$direct_port" \
  > "$work/raw-proxy.log" 2>&1 &
raw_pid=$!
trap 'kill "$raw_pid" 2>/dev/null || true; teardown' EXIT INT TERM
until grep -q "raw proxy" "$work/raw-proxy.log" 2>/dev/null; do sleep 0.1; done
url[rawproxy]="http://127.0.0.1:$raw_port/api/v1.0/predictions"; paths+=(rawproxy)
for p in "${paths[@]}"; do echo "bench: $p ${url[$p]}" >&2; done

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

# warm every path up (JIT), then alternate rounds so all see the same machine load
for p in "${paths[@]}"; do wrk -t2 -c16 -d5s -s "$script" "${url[$p]}" > /dev/null; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-6s %-14s %10s %9s %9s %7s\n" round path "req/s" "p50 ms" "p99 ms" errors
: > "$work/results"
for r in $(seq 1 "$rounds"); do
  for p in "${paths[@]}"; do
    read -r rps p50 p99 err < <(measure "${url[$p]}")
    printf "%-6s %-14s %10s %9s %9s %7s\n" "$r" "$p" "$rps" "$p50" "$p99" "$err"
    echo "$p $rps $p50 $p99 $err" >> "$work/results"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/results" "$first" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    p, rps, p50, p99, err = line.split()
    rows[p].append((float(rps), float(p50), float(p99), int(err)))
med = {p: tuple(statistics.median(r[i] for r in v) for i in range(3)) for p, v in rows.items()}
first = sys.argv[2]
print(f"\n{'path (medians)':<14} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'share of direct':>16} {'p50 added':>10} {'p99 added':>10} errors")
for p, (rps, p50, p99) in med.items():
    direct = "direct-nio" if p.endswith("nio") else first
    d = med[direct]
    print(f"{p:<14} {rps:>10.0f} {p50:>9.3f} {p99:>9.3f} {rps / d[0] * 100:>15.0f}% {p50 - d[1]:>10.3f} {p99 - d[2]:>10.3f} "
          f"{sum(r[3] for r in rows[p])}")
for p in med:
    if p.startswith("gw-"):
        direct = "direct-nio" if p.endswith("nio") else first
        share, added, added99 = med[p][0] / med[direct][0], med[p][1] - med[direct][1], med[p][2] - med[direct][2]
        print(f"{p}: targets >= 70% of direct req/s: {'met' if share >= 0.70 else 'NOT met'} ({share*100:.0f}%)"
              f" | p50 added <= 0.3 ms: {'met' if added <= 0.3 else 'NOT met'} ({added:.3f})"
              f" | p99 added <= 2 ms: {'met' if added99 <= 2 else 'NOT met'} ({added99:.3f})")
if "rawproxy" in med:
    print(f"ceiling: a do-nothing byte proxy (NIO, TCP) reaches {med['rawproxy'][0] / med[first][0] * 100:.0f}% of direct")
PY
