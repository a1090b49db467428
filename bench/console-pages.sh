#!/usr/bin/env bash
# The web console's page-load budget: the server time of each page's HTML (its API calls and rendering, as the
# console reports it in `Server-Timing: page;dur=MS`) with 200 pipeline runs and 50 promotion requests on record.
# Usage: bench/console-pages.sh [REQUESTS_PER_PAGE]   (default 30, after 5 warm-ups per page)
#        SLIPWAY_BENCH_BUILD=0 uses slipway-cli/target/slipway.jar as it is (no Maven build first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/slipway-console-bench.XXXXXX)"
up_pid=""
teardown() {
  if [ -n "$up_pid" ] && kill -0 "$up_pid" 2>/dev/null; then
    kill -TERM "$up_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$up_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$up_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap teardown EXIT INT TERM
n="${1:-30}"
export HOME="$work/home"   # nothing of the user's ~/.slipway is read or written
mkdir -p "$HOME"

if [ "${SLIPWAY_BENCH_BUILD:-1}" != "0" ]; then
  (cd "$root" && mvn -B -q -DskipTests package -pl slipway-cli -am) >&2
fi
slipway() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$root/slipway-cli/target/slipway.jar" "$@"; }

slipway gitops init "$work/gitops.git" --approver manager >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
api_port="$(free_port)"; gw_port="$(free_port)"
java -jar "$root/slipway-cli/target/slipway.jar" up --data-dir "$work/data" --gitops "$work/gitops.git" \
  --api-port "$api_port" --gateway-port "$gw_port" --gateway-threads 1 >"$work/up.log" 2>&1 &
up_pid=$!
api="http://127.0.0.1:$api_port"
for _ in $(seq 1 300); do curl -fs "$api/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

# 200 runs: one push of a one-step pipeline, then 199 runs of it by hand through the API
curl -fs -X POST "$api/api/v1/repositories" -H 'Content-Type: application/json' -d '{"name": "bench"}' >/dev/null
repo="$work/repo"; mkdir -p "$repo/deploy"
cat > "$repo/jenkins-x.yml" <<'YAML'
buildPack: none
pipelineConfig:
  pipelines:
    release:
      pipeline:
        stages:
        - name: Test
          steps:
          - name: unit
            command: sh
            args: [-c, "echo testing; echo done"]
        - name: Package
          steps:
          - name: archive
            command: sh
            args: [-c, "echo packaging"]
YAML
git -C "$repo" init -q -b main
git -C "$repo" -c user.name=bench -c user.email=bench@example.com add -A
git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -qm bench
git -C "$repo" push -q "$api/git/bench.git" main
for i in $(seq 2 200); do
  curl -fs -X POST "$api/api/v1/pipelines/runs" -H 'Content-Type: application/json' \
    -d '{"repository": "bench", "branch": "main"}' >/dev/null
done
echo "waiting for 200 runs to end…" >&2
for _ in $(seq 1 1200); do
  running="$(curl -fs "$api/api/v1/pipelines/runs" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r), sum(1 for x in r if x["status"]=="Unknown"))')"
  [ "${running#* }" = "0" ] && [ "${running% *}" -ge 200 ] && break
  sleep 0.5
done
echo "runs: $running (total, still running)" >&2

# 50 promotion requests to production (each a new version of the manifest)
for i in $(seq 1 50); do
  cat > "$repo/deploy/bench.yaml" <<YAML
apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: bench-$((i % 5))
  labels: {version: "v$i"}
spec:
  predictors:
  - name: default
    replicas: 1
    graph:
      name: classifier
      type: MODEL
      implementation: SKLEARN_SERVER
      modelUri: gs://bench-models/news/v$i
YAML
  slipway promote --gitops "$work/gitops.git" --env production --from "$repo/deploy" --author "bench" \
    --message "bench request $i" >/dev/null
done
# one application in staging (committed directly), for the application page
slipway promote --gitops "$work/gitops.git" --env staging --from "$repo/deploy" --author "bench" \
  --message "bench to staging" >/dev/null
echo "promotion requests on record: $(curl -fs "$api/api/v1/promotions" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" >&2

run_id="$(curl -fs "$api/api/v1/pipelines/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
req_id="$(curl -fs "$api/api/v1/promotions?state=open" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
staging_app="$(sed -n 's/^  name: //p' "$repo/deploy/bench.yaml")"
for _ in $(seq 1 100); do
  curl -fs "$api/api/v1/environments/staging" | grep -q "\"$staging_app\"" && break; sleep 0.2
done
pages=(/ /pipelines "/pipelines/runs/$run_id" "/promotions?state=any" "/promotions/$req_id" /environments
  /environments/production "/environments/staging/apps/$staging_app" /deployments /servers)

printf '%-36s %8s %8s %8s %9s\n' page "p50 ms" "p90 ms" "max ms" "HTML KB"
for p in "${pages[@]}"; do
  for _ in 1 2 3 4 5; do curl -fs -o /dev/null "$api$p"; done
  : > "$work/t"
  for _ in $(seq 1 "$n"); do
    curl -fs -D - -o "$work/body" "$api$p" | tr -d '\r' | sed -n 's/^[Ss]erver-[Tt]iming: page;dur=//p' >> "$work/t"
  done
  kb="$(python3 -c "import os; print(round(os.path.getsize('$work/body')/1024, 1))")"
  sort -n "$work/t" | python3 -c "
import sys
v = [float(x) for x in sys.stdin if x.strip()]
q = lambda f: v[min(len(v) - 1, int(f * len(v)))]
print('%-36s %8.1f %8.1f %8.1f %9s' % ('$p'[:36], q(0.5), q(0.9), v[-1], '$kb'))"
done
