#!/usr/bin/env bash
# Push to staging: the time from `git push` of a changed model repository to staging serving the change.
# Starts `./slipway quickstart` (the whole loop: control plane, GitOps repository, the news-classifier
# repository and its first release), clones the hosted repository, then PUSHES times: flips the manifest's
# `method` parameter (predict <-> predict_proba, with the integration cases' expectations to match),
# commits, pushes, and polls staging through the gateway until its answer changes. Prints each time and
# the median. Usage: bench/push-to-staging.sh [PUSHES (default 5)]
source "$(dirname "$0")/lib.sh"
pushes="${1:-5}"
command -v git >/dev/null || { echo "bench: needs git (Debian package git)" >&2; exit 1; }

gw_port="$(free_port)"
api_port="$(free_port)"
"$root/slipway" --version >/dev/null # builds the distribution (and its CDS archive) when stale
"$root/slipway" quickstart --data-dir "$work/qs" --gateway-port "$gw_port" --api-port "$api_port" \
  > "$work/quickstart.log" 2>&1 &
up_pid=$! # lib.sh's teardown stops it (SIGTERM: the quickstart stops its control plane and model servers)
for _ in $(seq 1 3000); do
  grep -q "Running until Ctrl-C" "$work/quickstart.log" 2>/dev/null && break
  kill -0 "$up_pid" 2>/dev/null || { cat "$work/quickstart.log" >&2; exit 1; }
  sleep 0.1
done
grep -q "Running until Ctrl-C" "$work/quickstart.log" || { cat "$work/quickstart.log" >&2; echo "bench: quickstart not ready in 300 s" >&2; exit 1; }
echo "bench: quickstart ready (gateway 127.0.0.1:$gw_port, API 127.0.0.1:$api_port)" >&2

clone="$work/clone"
git clone --quiet "http://127.0.0.1:$api_port/git/news-classifier.git" "$clone"
git -C "$clone" config user.name "Data Scientist"
git -C "$clone" config user.email "data.scientist@example.com"
samples="$root/examples/models/news-classifier/samples.json"
url="http://127.0.0.1:$gw_port/seldon/staging/news-classifier/api/v1.0/predictions"
body="$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(json.dumps({"data":{"ndarray":s["texts"][:2]}}))' "$samples")"
answer() { curl -s -m 5 -H 'Content-Type: application/json' -d "$body" "$url" | python3 -c 'import json,sys
try: print(json.dumps(json.load(sys.stdin)["data"]["ndarray"]))
except Exception: print("none")'; }

# method METHOD: the manifest's method parameter and the integration cases' expectations for it
method() {
  python3 - "$clone" "$samples" "$1" <<'PY'
import json, re, sys
repo, samples, method = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
manifest = repo + "/deploy/SeldonDeployment-news-classifier.yaml"
text = open(manifest).read()
open(manifest, "w").write(re.sub(r"value: predict(_proba)?}", "value: " + method + "}", text))
expect = samples["labels"][:2] if method == "predict" else samples["probabilities"][:2]
open(repo + "/integration/cases.yaml", "w").write(
    "- name: served through the gateway\n  deployment: news-classifier\n"
    "  request: {data: {ndarray: %s}}\n  expect: {data: {ndarray: %s}}\n  tolerance: 1.0e-9\n"
    % (json.dumps(samples["texts"][:2]), json.dumps(expect)))
PY
}

times=()
current="predict"
for i in $(seq 1 "$pushes"); do
  next=$([ "$current" = predict ] && echo predict_proba || echo predict)
  before="$(answer)"
  method "$next"
  git -C "$clone" commit --quiet -am "method: $next"
  start=$(date +%s.%N)
  git -C "$clone" push --quiet origin main
  for _ in $(seq 1 1200); do
    now="$(answer)"
    [ "$now" != "$before" ] && [ "$now" != none ] && break
    sleep 0.1
  done
  end=$(date +%s.%N)
  [ "$now" != "$before" ] && [ "$now" != none ] || { echo "bench: staging did not change within 120 s" >&2; tail -50 "$work/quickstart.log" >&2; exit 1; }
  t=$(python3 -c "print(f'{$end - $start:.1f}')")
  echo "push $i (method=$next): staging changed after ${t}s" >&2
  times+=("$t")
  current="$next"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.stdin))')
echo "push-to-staging: ${times[*]} s; median ${median} s over $pushes pushes"
# the last run's step times, to see what dominates
last_run_steps "http://127.0.0.1:$api_port"
