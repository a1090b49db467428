#!/usr/bin/env bash
# Push to staging, embedded-model server: the time from `git push` of a changed training set to staging serving
# the new build. Starts `slipway up --gitops` on free ports, creates a repository with
# `slipway repo create NAME --template embedded-model --push` (first release), then PUSHES times: appends a
# training row (a new model, so a new jar and artifact version), commits, pushes, and polls staging through the
# gateway until the answer's meta.requestPath names the new version (the first 12 hex digits of the commit). Each
# push runs Build (mvn -B package: trains, unit-tests), Publish, Test integration (a sandbox), Promote.
# Usage: bench/push-embedded.sh [PUSHES (default 3)]
source "$(dirname "$0")/lib.sh"
pushes="${1:-3}"
command -v git >/dev/null && command -v mvn >/dev/null || { echo "bench: needs git and mvn" >&2; exit 1; }

gw_port="$(free_port)"
api_port="$(free_port)"
api="http://127.0.0.1:$api_port"
"$root/slipway" --version >/dev/null # builds the distribution (and its CDS archive) when stale
"$root/slipway" gitops init "$work/gitops.git" --approver manager >/dev/null
"$root/slipway" up --data-dir "$work/data" --gitops "$work/gitops.git" --gateway-port "$gw_port" \
  --api-port "$api_port" > "$work/up.log" 2>&1 &
up_pid=$! # lib.sh's teardown stops it
for _ in $(seq 1 600); do curl -sf "$api/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

repo="$work/iris"
url="http://127.0.0.1:$gw_port/seldon/staging/iris/api/v1.0/predictions"
body='{"data": {"ndarray": [[5.0, 3.6, 1.4, 0.2]]}}'
served() { curl -s -m 5 -H 'Content-Type: application/json' -d "$body" "$url" | python3 -c 'import json,sys
try: print(json.dumps(json.load(sys.stdin)["meta"]["requestPath"]))
except Exception: print("none")'; }
# wait_for VERSION: until staging's answer names the image iris:VERSION (at most 300 s)
wait_for() {
  for _ in $(seq 1 3000); do
    case "$(served)" in *"iris:$1"*) return 0 ;; esac
    sleep 0.1
  done
  echo "bench: staging did not serve iris:$1 within 300 s" >&2; tail -40 "$work/up.log" >&2; exit 1
}

start=$(date +%s.%N)
"$root/slipway" repo create iris --template embedded-model --dir "$repo" --push "$api" >/dev/null
wait_for "$(git -C "$repo" rev-parse HEAD | cut -c1-12)"
echo "first release (create + push → staging): $(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")s" >&2

times=()
for i in $(seq 1 "$pushes"); do
  tail -1 "$repo/data/train.csv" >> "$repo/data/train.csv" # one more copy of a row: other weights
  git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit --quiet -am "train: one more row ($i)"
  version="$(git -C "$repo" rev-parse HEAD | cut -c1-12)"
  start=$(date +%s.%N)
  git -C "$repo" push --quiet origin main
  wait_for "$version"
  t=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
  echo "push $i: staging serves iris:$version after ${t}s" >&2
  times+=("$t")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.stdin))')
echo "push-embedded: ${times[*]} s; median ${median} s over $pushes pushes"
last_run_steps "$api"
