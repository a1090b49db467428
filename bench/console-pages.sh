#!/usr/bin/env bash
# The web console's page-load budget: the server time of each page's HTML (its API calls and rendering, as the
# console reports it in `Server-Timing: page;dur=MS`) with 200 pipeline runs and 50 promotion requests on record.
# Usage: bench/console-pages.sh [REQUESTS_PER_PAGE]   (default 30, after 5 warm-ups per page)
#        SLIPWAY_BENCH_BUILD=0 uses slipway-cli/target/slipway.jar as it is (no Maven build first)
#        SLIPWAY_BENCH_JAR=PATH runs another build's jar (its lib/ beside it)
#        SLIPWAY_BENCH_COMPARE_JAR=PATH also measures a second `slipway up` from that jar (e.g. a copy of main's build)
#          on a copy of the same data, page by page in the same rounds: a side-by-side comparison under the same load
source "$(dirname "$0")/lib.sh"   # root, work, teardown on exit, free_port
n="${1:-30}"
export HOME="$work/home"   # nothing of the user's ~/.slipway is read or written
mkdir -p "$HOME"

if [ "${SLIPWAY_BENCH_BUILD:-1}" != "0" ]; then
  (cd "$root" && mvn -B -q -DskipTests package -pl slipway-cli -am) >&2
fi
jar="${SLIPWAY_BENCH_JAR:-$root/slipway-cli/target/slipway.jar}"
slipway() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$@"; }

slipway gitops init "$work/gitops.git" --approver manager >/dev/null
# a full request log for staging/bench-0 as the built-in sink keeps it (two files of 1,000 events: 1,000 predictions
# with their request and response, every tenth with feedback)
python3 - "$work/data/request-log/staging/bench-0" <<'PY'
import datetime, json, os, sys
folder = sys.argv[1]; os.makedirs(folder, exist_ok=True)
t0 = datetime.datetime(2026, 12, 5, 6, 0, 0, tzinfo=datetime.timezone.utc)
events = []
for i in range(1000):
    at = lambda ms: (t0 + datetime.timedelta(seconds=i, microseconds=ms * 1000)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    puid = "bench-%04d" % i
    text = "prediction %d: the quick brown fox jumps over the lazy dog " % i * 3
    events.append({"time": at(0), "id": puid, "type": "request", "predictor": "default", "node": "classifier",
                   "payload": {"data": {"ndarray": [text]}}})
    events.append({"time": at(3), "id": puid, "type": "response", "predictor": "default", "node": "classifier",
                   "payload": {"data": {"names": ["t:0", "t:1", "t:2", "t:3"], "ndarray": [[0.1, 0.2, 0.3, 0.4]]},
                               "meta": {"puid": puid}}})
    if i % 10 == 0:
        events.append({"time": at(900), "id": puid, "type": "feedback", "predictor": "default", "node": "classifier",
                       "payload": {"reward": 1.0, "truth": {"data": {"ndarray": [3]}}}})
for name, part in (("previous.jsonl", events[:1000]), ("current.jsonl", events[1000:2000])):
    with open(os.path.join(folder, name), "w") as f:
        f.writelines(json.dumps(e) + "\n" for e in part)
PY
api_port="$(free_port)"; gw_port="$(free_port)"
java -jar "$jar" up --data-dir "$work/data" --gitops "$work/gitops.git" --request-log \
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
  /environments/production "/environments/staging/apps/$staging_app" /deployments /servers
  /deployments/staging/bench-0/requests "/deployments/staging/bench-0/requests?limit=100")

# SLIPWAY_BENCH_COMPARE_JAR: a second `slipway up` from another build's jar on a copy of the same data, measured in
# the same rounds (the two servers alternate on every page), so both see the same load from the shared machine
apis=("$api"); labels=("this")
if [ -n "${SLIPWAY_BENCH_COMPARE_JAR:-}" ]; then
  mkdir -p "$work/other"
  cp -a "$work/data" "$work/gitops.git" "$work/other/"
  rm -f "$work/other/data/slipway-up.pid"   # the copy's owner is the second server, not the first
  other_port="$(free_port)"
  java -jar "$SLIPWAY_BENCH_COMPARE_JAR" up --data-dir "$work/other/data" --gitops "$work/other/gitops.git" --request-log \
    --api-port "$other_port" --gateway-port "$(free_port)" --gateway-threads 1 >"$work/other/up.log" 2>&1 &
  other_pid=$!
  trap 'kill -TERM "$other_pid" 2>/dev/null || true; teardown' EXIT INT TERM
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$other_port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fs "http://127.0.0.1:$other_port/healthz" >/dev/null || { cat "$work/other/up.log" >&2; exit 1; }
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$other_port/api/v1/environments/staging" | grep -q "\"$staging_app\"" && break; sleep 0.2
  done
  apis+=("http://127.0.0.1:$other_port"); labels+=("other")
fi

# every page in turn, round after round (5 rounds to warm up, then N measured): a burst of load from elsewhere on
# the shared machine then touches every page alike, and no page is measured colder than another
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$n" "${#apis[@]}" "${apis[@]}" "${labels[@]}" "${pages[@]}" <<'PY'
import sys, urllib.error, urllib.request
n, k = int(sys.argv[1]), int(sys.argv[2])
apis, labels, pages = sys.argv[3:3 + k], sys.argv[3 + k:3 + 2 * k], sys.argv[3 + 2 * k:]
times = {(a, p): [] for a in apis for p in pages}
size = {}
for round in range(5 + n):
    for p in pages:
        for a in (apis if round % 2 == 0 else apis[::-1]):
            try:
                with urllib.request.urlopen(a + p) as r:
                    body = r.read()
                    timing = r.headers.get("Server-Timing", "")
            except urllib.error.HTTPError:
                continue  # a page the other build does not have
            if round >= 5:
                times[(a, p)].append(float(timing.split("dur=")[1]))
                size[p] = len(body)
head = "%-36s" % "page"
for l in labels:
    head += " %10s %10s %8s" % (l + " p50", l + " p90", "max")
print(head + " %8s" % "HTML KB")
for p in pages:
    line = "%-36s" % p[:36]
    for a in apis:
        v = sorted(times[(a, p)])
        if not v:
            line += " %10s %10s %8s" % ("-", "-", "-")
            continue
        q = lambda f: v[min(len(v) - 1, int(f * len(v)))]
        line += " %10.1f %10.1f %8.1f" % (q(0.5), q(0.9), v[-1])
    print(line + " %8.1f" % (size.get(p, 0) / 1024))
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
