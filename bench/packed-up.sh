#!/usr/bin/env bash
# Many models per process through `slipway up --pack-models`: N one-node deployments of iris-sized models
# (scikit-learn logistic regression and XGBoost, alternating, from the shared fixtures) applied through the API
# (PUT …?wait=true), every one's answer through the gateway checked against its fixture's expected probabilities, the
# resident memory of `slipway up` and all its children (the shared server processes) idle and under wrk load spread
# over all N deployments through the gateway, and the time to deploy one more (5 more, median) while they serve.
#
#   bench/packed-up.sh [MODELS=50] [SECONDS=10] [PROCESSES=2]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/spread.sh"
n="${1:-50}"; secs="${2:-10}"; procs="${3:-2}"
fixtures="${SLIPWAY_FIXTURES:-$root/../shared/fixtures}"
fixtures="$(cd "$fixtures" && pwd)"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
[ -f "$root/slipway-cli/target/slipway.jar" ] || (cd "$root" && mvn -B -q -DskipTests package -pl slipway-cli -am)
# the launcher's JVM flags (./slipway), without its rebuild check
jvm=(java -XX:+UseSerialGC -Xms16m -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=256m
     -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError
     -jar "$root/slipway-cli/target/slipway.jar")
export MALLOC_ARENA_MAX=2 HOME="$work/home"
# resident MB of a process and all its descendants, and how many processes that is
tree() { local p=$1; echo "$p"; for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do tree "$c"; done; }
total_rss() { local sum=0 count=0; for p in $(tree "$1"); do
    r=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$p/status" 2>/dev/null || echo 0); sum=$((sum + r)); count=$((count + 1)); done
  echo "$sum MB in $count processes"; }

"${jvm[@]}" up --pack-models --pack-processes "$procs" --data-dir "$work/data" --gateway-port 0 --api-port 0 \
  > "$work/up.log" 2>&1 & pid=$!
until grep -qs "Slipway control plane" "$work/up.log"; do kill -0 "$pid" || { cat "$work/up.log"; exit 1; }; sleep 0.2; done
gw=$(sed -n 's|.*gateway http://[^:]*:\([0-9]*\),.*|\1|p' "$work/up.log" | head -1)
api=$(sed -n 's|.*API http://[^:]*:\([0-9]*\),.*|\1|p' "$work/up.log" | head -1)
echo "slipway up (gateway :$gw, API :$api), idle, nothing deployed: $(total_rss "$pid")"

deploy() { # NAME INDEX -> seconds
  local impl=SKLEARN_SERVER dir=iris-logreg
  if [ $(( $2 % 2 )) = 1 ]; then impl=XGBOOST_SERVER; dir=iris-xgb; fi
  cat > "$work/$1.json" <<JSON
{"apiVersion": "machinelearning.seldon.io/v1", "kind": "SeldonDeployment", "metadata": {"name": "$1"},
 "spec": {"predictors": [{"name": "default", "replicas": 1, "graph": {"name": "classifier", "implementation": "$impl",
  "modelUri": "$fixtures/$dir", "parameters": [{"name": "method", "type": "STRING", "value": "predict_proba"}]}}]}}
JSON
  curl -sS --fail-with-body -o "$work/put.out" -w '%{time_total}\n' -XPUT -H 'Content-Type: application/json' --data-binary "@$work/$1.json" \
    "http://127.0.0.1:$api/api/v1/namespaces/bench/deployments/$1?wait=true" || { cat "$work/put.out" >&2; tail -20 "$work/up.log" >&2; return 1; }
}
for i in $(seq 1 "$n"); do deploy "m$i" "$i" >> "$work/deploys"; done
echo "deployed $n: deploy-until-ready times (s): median $(sort -n "$work/deploys" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'), max $(sort -n "$work/deploys" | tail -1)"
echo "shared processes: $(ls "$work/data/logs/packed/" | grep -c '\.log$')"

# every deployment answers its fixture's expected probabilities for every fixture row, through the gateway
python3 - "$gw" "$n" "$fixtures" <<'PY'
import json, sys, urllib.request
gw, n, fx = sys.argv[1], int(sys.argv[2]), sys.argv[3]
bad = 0
for i in range(1, n + 1):
    d = "iris-xgb" if i % 2 else "iris-logreg"
    rows = json.load(open(f"{fx}/{d}/inputs.json"))["data"]["ndarray"]
    want = json.load(open(f"{fx}/{d}/expected.json"))["predict_proba"]
    req = urllib.request.Request(f"http://127.0.0.1:{gw}/seldon/bench/m{i}/api/v1.0/predictions",
                                 json.dumps({"data": {"ndarray": rows}}).encode(), {"Content-Type": "application/json"})
    got = json.load(urllib.request.urlopen(req))["data"]["ndarray"]
    if any(abs(a - b) > 1e-5 for g, w in zip(got, want) for a, b in zip(g, w)) or len(got) != len(want):
        bad += 1
        print(f"m{i} ({d}): answers differ")
print(f"answers: {n - bad} of {n} deployments match their fixture's expected probabilities (every row)")
PY
echo "slipway up + children, $n models, idle: $(total_rss "$pid")"

spread_load "http://127.0.0.1:$gw" /seldon/bench/m "$n" "$secs" total_rss "$pid"
echo "slipway up + children under load over all $n deployments: $under; $(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") req/s, p50 $(awk '$1=="50%" {print $2}' "$work/wrk.txt"), non-2xx: $(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")"

# one more deployment while the others serve: PUT until its model is loaded, announced and the route switched
for i in $(seq $((n + 1)) $((n + 5))); do deploy "m$i" "$i" >> "$work/more"; done
echo "deploy of a new model (5 more, one after another, PUT ?wait=true until ready): median $(sort -n "$work/more" | awk '{a[NR]=$1} END {print a[3]*1000}') ms, max $(sort -n "$work/more" | tail -1 | awk '{print $1*1000}') ms"
grep -h "model .* loaded" "$work"/data/logs/packed/*.log | tail -5 | sed 's/^/  host log: /' || true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
