#!/usr/bin/env bash
# Many models in one process: `slipway serve --packed` loaded with N iris-sized models (scikit-learn logistic
# regression and XGBoost, alternating, from the shared fixtures) through the OIP repository API; then the resident
# memory (idle, and under wrk load spread over all N models), the time to load one more model (median of 5), and a
# check that every model answers its fixture's expected probabilities. For scale, one one-model replica
# (`slipway serve`) of the same iris model is measured in the same run.
#
#   bench/packed.sh [MODELS=50] [SECONDS=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/spread.sh"
n="${1:-50}"; secs="${2:-10}"
fixtures="${SLIPWAY_FIXTURES:-$root/../shared/fixtures}"
fixtures="$(cd "$fixtures" && pwd)"
work="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
[ -f "$root/slipway-cli/target/slipway.jar" ] || (cd "$root" && mvn -B -q -DskipTests package -pl slipway-cli -am)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# the launcher's JVM flags (./slipway), without its rebuild check
jvm=(java -XX:+UseSerialGC -Xms16m -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=256m
     -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError
     -jar "$root/slipway-cli/target/slipway.jar")
export MALLOC_ARENA_MAX=2 HOME="$work/home"
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }

port=$(free_port)
"${jvm[@]}" serve --packed --model-root "$fixtures" --port "$port" > "$work/packed.log" 2>&1 & pid=$!; pids+=("$pid")
until grep -q "listening on" "$work/packed.log"; do kill -0 "$pid" || { cat "$work/packed.log"; exit 1; }; sleep 0.1; done
base="http://127.0.0.1:$port"
load() { # NAME INDEX -> seconds
  local impl=SKLEARN_SERVER dir=iris-logreg
  if [ $(( $2 % 2 )) = 1 ]; then impl=XGBOOST_SERVER; dir=iris-xgb; fi
  curl -sf -o /dev/null -w '%{time_total}\n' -XPOST -H 'Content-Type: application/json' \
    -d "{\"parameters\":{\"implementation\":\"$impl\",\"uri\":\"$fixtures/$dir\",\"method\":\"predict_proba\"}}" \
    "$base/v2/repository/models/$1/load"
}
echo "process RSS empty: $(rss "$pid") MB"
for i in $(seq 1 "$n"); do load "m$i" "$i" >> "$work/loads"; done
echo "loaded $n models; first-load times (s): median $(sort -n "$work/loads" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'), max $(sort -n "$work/loads" | tail -1)"

# every model answers its fixture's expected probabilities for the fixture's first row
python3 - "$base" "$n" "$fixtures" <<'PY'
import json, sys, urllib.request
base, n, fx = sys.argv[1], int(sys.argv[2]), sys.argv[3]
bad = 0
for i in range(1, n + 1):
    d = "iris-xgb" if i % 2 else "iris-logreg"
    row = json.load(open(f"{fx}/{d}/inputs.json"))["data"]["ndarray"][0]
    want = json.load(open(f"{fx}/{d}/expected.json"))["predict_proba"][0]
    req = urllib.request.Request(f"{base}/models/m{i}/api/v1.0/predictions", json.dumps({"data": {"ndarray": [row]}}).encode(),
                                 {"Content-Type": "application/json"})
    got = json.load(urllib.request.urlopen(req))["data"]["ndarray"][0]
    if any(abs(a - b) > 1e-5 for a, b in zip(got, want)):
        bad += 1
        print(f"m{i} ({d}): {got} != {want}")
print(f"answers: {n - bad} of {n} models match their fixture's expected probabilities")
PY
echo "process RSS with $n models, idle: $(rss "$pid") MB"

spread_load "$base" /models/m "$n" "$secs" rss "$pid"
echo "process RSS under load over all $n models: $under MB (peak VmHWM $(hwm "$pid") MB); $(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") req/s, p50 $(awk '$1=="50%" {print $2}' "$work/wrk.txt")"

# loading one more model while the others serve
for i in $(seq $((n + 1)) $((n + 5))); do load "m$i" "$i" >> "$work/more"; done
echo "load of a new model (5 more, one after another): median $(sort -n "$work/more" | awk '{a[NR]=$1} END {print a[3]*1000}') ms, max $(sort -n "$work/more" | tail -1 | awk '{print $1*1000}') ms"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# scale: one one-model replica of the same model, as the local runtime starts one per replica
p2=$(free_port)
"${jvm[@]}" serve --implementation SKLEARN_SERVER --model-uri "$fixtures/iris-logreg" --port "$p2" --grpc-port -1 \
  > "$work/single.log" 2>&1 & spid=$!; pids+=("$spid")
until grep -q "listening on" "$work/single.log"; do kill -0 "$spid" || { cat "$work/single.log"; exit 1; }; sleep 0.1; done
SPREAD_N=$n SPREAD_PREFIX=/models/m wrk -t2 -c16 -d3s -s "$root/bench/spread.lua" "http://127.0.0.1:$p2" > /dev/null 2>&1 || true
cat > "$work/one.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"data":{"ndarray":[[5.5,3.5,1.3,0.2]]}}'
wrk.headers["Content-Type"] = "application/json"
LUA
wrk -t2 -c16 -d"${secs}s" -s "$work/one.lua" "http://127.0.0.1:$p2/api/v1.0/predictions" > /dev/null &
sleep "$(awk -v s="$secs" 'BEGIN {print s * 0.8}')"
one=$(rss "$spid"); wait $!
echo "one one-model replica under load: $one MB RSS; $n of them: ~$((one * n)) MB"
