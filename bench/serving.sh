#!/usr/bin/env bash
# Model-server benchmark: POST /api/v1.0/predictions (4-float ndarray) on a trivial custom model, 16
# connections on loopback, side by side with an nginx answering a fixed body (this machine's ceiling).
# Rounds alternate nginx / slipway; figures are medians. Also: server CPU per request, resident memory
# under load, and time from process start to ready (with and without the CDS archive).
#
#   bench/serving.sh [ROUNDS=3] [SECONDS=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/nginx.sh"
rounds="${1:-3}"; secs="${2:-10}"; conns=16
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true; [ -n "${ngpid:-}" ] && kill "$ngpid" 2>/dev/null; rm -rf "$work"' EXIT

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light; break; }
done
"$root/slipway" --version >/dev/null  # builds if needed and records the CDS archive
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The trivial model: the example custom model, compiled against the model API alone.
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$root/slipway-model-api/target/classes" "$root/examples/custom-model/src/main/java/com/example/LinearScorer.java"
jar cf "$work/model.jar" -C "$work/classes" .
body='{"meta":{},"data":{"names":[],"ndarray":[8.56]}}'

# nginx returning the same-sized fixed body.
ngport=$(free_port)
fixed_body_nginx "$work" "$ngport" "$body" & ngpid=$!

start_server() { # prints pid; waits for ready. Runs the launcher, as a user would (its JVM flags, CDS).
  local port=$1; shift
  env "$@" "$root/slipway" serve --class com.example.LinearScorer --classpath "$work/model.jar" \
    --model-uri "$root/examples/custom-model/model" --port "$port" >"$work/server.log" 2>&1 &
  local pid=$!
  until curl -sf "http://127.0.0.1:$port/health/ping" >/dev/null; do sleep 0.005; done
  echo "$pid"
}

ready_ms() { # time from exec of the launcher to the server's "listening" line (port bound, model loaded), in ms
  local port; port=$(free_port)
  local t0 t1 line
  t0=$(date +%s%N)
  coproc SRV { exec env "$@" "$root/slipway" serve --class com.example.LinearScorer --classpath "$work/model.jar" \
    --model-uri "$root/examples/custom-model/model" --port "$port" 2>&1; }
  local pid=$SRV_PID
  while IFS= read -r line <&"${SRV[0]}"; do
    case "$line" in *"listening on"*) t1=$(date +%s%N); break ;; esac
  done
  curl -sf "http://127.0.0.1:$port/health/ping" >/dev/null   # it answers
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
run_wrk() { wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$root/bench/post-predict.lua" "$1" > "$work/wrk.txt"; cat "$work/wrk.txt"; }
rps() { awk '/Requests\/sec/ {print $2}' "$work/wrk.txt"; }
lat() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$work/wrk.txt"; }

sport=$(free_port)
spid=$(start_server "$sport")
wrk -t2 -c"$conns" -d5s -s "$root/bench/post-predict.lua" "http://127.0.0.1:$sport/api/v1.0/predictions" >/dev/null  # warm-up (JIT)
: > "$work/ng"; : > "$work/sw"
hz=$(getconf CLK_TCK)
for r in $(seq "$rounds"); do
  run_wrk "http://127.0.0.1:$ngport/api/v1.0/predictions" >/dev/null
  echo "$(rps) $(lat 50%) $(lat 99%)" >> "$work/ng"
  c0=$(cpu_ticks "$spid")
  run_wrk "http://127.0.0.1:$sport/api/v1.0/predictions" >/dev/null &
  sleep "$(awk -v s="$secs" 'BEGIN {print s * 0.8}')"
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$spid/status")   # resident memory while under load
  wait $!
  c1=$(cpu_ticks "$spid")
  reqs=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  echo "$(rps) $(lat 50%) $(lat 99%) $(awk -v c=$((c1 - c0)) -v n="$reqs" -v hz="$hz" 'BEGIN {printf "%.1f", c / hz / n * 1e6}') $((rss / 1024))" >> "$work/sw"
done
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$spid/status")
kill "$spid"; wait "$spid" 2>/dev/null || true

# Start-up through the launcher: with its CDS archive, and without (SLIPWAY_NO_CDS=1).
cds=$(for i in 1 2 3 4 5; do ready_ms; done | median)
plain=$(for i in 1 2 3 4 5; do ready_ms SLIPWAY_NO_CDS=1; done | median)

col() { awk -v c="$1" '{print $c}' "$2" | median; }
ng_rps=$(col 1 "$work/ng"); sw_rps=$(col 1 "$work/sw")
printf '\n%-34s %12s %10s %10s %14s %10s\n' "target ($rounds x ${secs}s, $conns conns)" "requests/s" "p50 ms" "p99 ms" "CPU us/req" "RSS MB"
printf '%-34s %12s %10s %10s %14s %10s\n' "nginx fixed body (ceiling)" "$ng_rps" "$(col 2 "$work/ng")" "$(col 3 "$work/ng")" "-" "-"
printf '%-34s %12s %10s %10s %14s %10s\n' "slipway serve (custom model)" "$sw_rps" "$(col 2 "$work/sw")" "$(col 3 "$work/sw")" "$(col 4 "$work/sw")" "$(col 5 "$work/sw")"
awk -v a="$sw_rps" -v b="$ng_rps" 'BEGIN {printf "slipway / nginx requests/s: %.2f\n", a / b}'
echo "RSS sampled under load (median above); peak RSS (VmHWM, includes JIT warm-up): $((hwm / 1024)) MB"
echo "start to ready (median of 5, launcher to /health/ping): ${cds} ms with the CDS archive, ${plain} ms without"
