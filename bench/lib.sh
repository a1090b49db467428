# Shared helpers of the bench scripts (sourced). Starts `slipway up` on free ports in a temporary folder,
# builds the example linear-scorer model (a custom server), and always tears everything down.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/slipway-bench.XXXXXX)"
up_pid=""

need_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    echo "bench: installing wrk (Debian package)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y -q wrk || { apt-get update -q && apt-get install -y -q wrk; }; } >/dev/null
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

teardown() {
  if [ -n "$up_pid" ] && kill -0 "$up_pid" 2>/dev/null; then
    kill -TERM "$up_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$up_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$up_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap teardown EXIT INT TERM

build() {
  # BENCH_NO_BUILD=1: use the slipway.jar already built (e.g. right after the tests)
  [ -n "${BENCH_NO_BUILD:-}" ] || (cd "$root" && mvn -B -q -DskipTests package -pl slipway-cli -am) >&2
  # the example custom model as a model repository: lib/ (jar), model/ (weights), deploy/ (manifests)
  mkdir -p "$work/repo/classes" "$work/repo/lib" "$work/repo/model" "$work/repo/deploy"
  javac -d "$work/repo/classes" -cp "$root/slipway-model-api/target/classes" \
    "$root/examples/custom-model/src/main/java/com/example/LinearScorer.java"
  jar cf "$work/repo/lib/linear-scorer.jar" -C "$work/repo/classes" .
  cp "$root/examples/custom-model/model/coefficients.txt" "$work/repo/model/"
}

# manifest NAME REPLICAS SCALE: writes deploy/NAME.yaml (custom server convention: SLIPWAY_MODEL_CLASS)
manifest() {
  cat > "$work/repo/deploy/$1.yaml" <<YAML
apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: $1
spec:
  predictors:
  - name: default
    replicas: $2
    componentSpecs:
    - spec:
        containers:
        - name: scorer
          image: example/linear-scorer:1.0
          env:
          - {name: SLIPWAY_MODEL_CLASS, value: com.example.LinearScorer}
          - {name: SLIPWAY_MODEL_CLASSPATH, value: ../lib/linear-scorer.jar}
    graph:
      name: scorer
      type: MODEL
      modelUri: ../model
      parameters:
      - {name: scale, type: DOUBLE, value: "$3"}
YAML
  echo "$work/repo/deploy/$1.yaml"
}

slipway() {
  java -XX:+UseSerialGC -jar "$root/slipway-cli/target/slipway.jar" "$@"
}

start_up() { # [EXTRA up FLAGS…]
  gw_port="$(free_port)"
  api_port="$(free_port)"
  # UP_NAME: one of several ups in one run (its own data folder and log, up-NAME.log)
  local log="$work/up${UP_NAME:+-$UP_NAME}.log"
  java -XX:+UseSerialGC ${UP_JAVA_OPTS:-} -jar "$root/slipway-cli/target/slipway.jar" up \
    --data-dir "$work/data${UP_NAME:+-$UP_NAME}" \
    --gateway-port "$gw_port" --api-port "$api_port" --gateway-threads "${GATEWAY_THREADS:-1}" "$@" \
    > "$log" 2>&1 &
  up_pid=$!
  for _ in $(seq 1 300); do
    grep -q "Slipway control plane" "$log" 2>/dev/null && break
    kill -0 "$up_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  server="http://127.0.0.1:$api_port"
  echo "bench: slipway up: gateway 127.0.0.1:$gw_port, API $server" >&2
}

# wrk POST script for a Seldon ndarray body
wrk_script() {
  cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body   = '{"data":{"ndarray":[[1.0, 2.0, 3.0, 4.0]]}}'
wrk.headers["Content-Type"] = "application/json"
LUA
  echo "$work/post.lua"
}

# last_run_steps API: the step times of the newest pipeline run (stderr), to see what dominates
last_run_steps() {
  local api=$1 last
  last="$(curl -s "$api/api/v1/pipelines/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
  curl -s "$api/api/v1/pipelines/runs/$last" | python3 -c '
import json, sys
from datetime import datetime
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
run = json.load(sys.stdin)
print("last run %s:" % run["id"])
for st in run["stages"]:
    for sp in st["steps"]:
        if sp.get("startTime") and sp.get("endTime"):
            print("  %-18s %-12s %.1fs" % (st["name"], sp["name"], (t(sp["endTime"]) - t(sp["startTime"])).total_seconds()))
' >&2
}
