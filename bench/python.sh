#!/usr/bin/env bash
# Python model classes: the same class served by Slipway's PYTHON runtime (Java front end + Python workers) and by
# seldon-core 1.18.2's own Python microservice (Flask under gunicorn, its defaults: 1 worker, 1 thread), side by side
# in one run. Classes: bench/python/IrisClassifier.py (scikit-learn LogisticRegression.predict_proba, the iris-logreg
# fixture) and bench/python/NewsClassifier.py (CountVectorizer + TF-IDF + MultinomialNB.predict_proba, news-nb).
# wrk at 16 connections (throughput) and at 1 connection (latency); Slipway with 1 worker and with 2.
#
#   SELDON_CORE_GIT=/path/to/seldon-core(.git) bench/python.sh [ROUNDS=3] [SECONDS=10]
#
# seldon-core is source-available and on neither Maven Central nor Debian: the script reads `python/` of tag v1.18.2
# from a clone you provide (git archive into a temporary folder, deleted at exit; nothing of it is kept), with
# Debian's flask, flask-cors, gunicorn, numpy, protobuf, grpcio, prometheus-client, jsonschema, yaml. Debian has
# no grpc_reflection: a no-op stand-in for it is written into the temporary folder (only REST is measured).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"; secs="${2:-10}"
py="${SLIPWAY_PYTHON:-/usr/bin/python3}"
fixtures="${SLIPWAY_FIXTURES:-$root/../shared/fixtures}"
work="$(mktemp -d)"
pids=()
kill_tree() { local c; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do kill_tree "$c"; done; kill "$1" 2>/dev/null || true; }
trap 'for p in "${pids[@]}"; do kill_tree "$p"; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT

pkgs=(wrk python3-numpy python3-sklearn python3-joblib python3-flask python3-flask-cors gunicorn python3-protobuf
      python3-grpcio python3-prometheus-client python3-jsonschema python3-yaml)
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
"$root/slipway" --version >/dev/null  # builds the distribution if needed
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
lat() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$2"; }
await() { for _ in $(seq 1 600); do curl -sf -o /dev/null -XPOST -H 'Content-Type: application/json' -d "$2" "$1" && return 0; sleep 0.1; done; echo "bench: $1 never answered" >&2; exit 1; }

# seldon-core's Python microservice, from the clone's tag (never copied into this repository)
source "$root/bench/seldon-core.sh"
seldon_extract

start_slipway() { # CLASS MODEL_DIR WORKERS; sets url
  local port; port=$(free_port)
  "$root/slipway" serve --python "$root/bench/python" --python-class "$1" --python-exec "$py" --python-workers "$3" \
    --model-uri "$2" --port "$port" > "$work/slipway-$1-$3.log" 2>&1 &
  pids+=($!)
  url="http://127.0.0.1:$port/api/v1.0/predictions"
}
measure() { # LABEL URL LUA BODY
  await "$2" "$4"
  wrk -t2 -c16 -d3s -s "$3" "$2" > /dev/null   # warm-up
  : > "$work/r"
  for _ in $(seq "$rounds"); do
    wrk -t2 -c16 -d"${secs}s" --latency -s "$3" "$2" > "$work/w16"
    wrk -t1 -c1 -d"${secs}s" --latency -s "$3" "$2" > "$work/w1"
    echo "$(awk '/Requests\/sec/ {print $2}' "$work/w16") $(lat 50% "$work/w16") $(lat 99% "$work/w16") $(lat 50% "$work/w1") $(lat 99% "$work/w1")" >> "$work/r"
  done
  col() { awk -v c="$1" '{print $c}' "$work/r" | median; }
  printf '%-40s %12s %10s %10s %12s %12s\n' "$1" "$(col 1)" "$(col 2)" "$(col 3)" "$(col 4)" "$(col 5)"
}

iris_body='{"data": {"ndarray": [[5.1, 3.5, 1.4, 0.2]]}}'
news_body='{"data": {"ndarray": ["History books which contain no lies are extremely dull."]}}'
printf '\n%-40s %12s %10s %10s %12s %12s\n' "($rounds x ${secs}s; medians)" "req/s @16" "p50 @16" "p99 @16" "p50 @1 ms" "p99 @1 ms"
for model in "IrisClassifier $fixtures/iris-logreg iris" "NewsClassifier $fixtures/news-nb news"; do
  set -- $model
  body=$([ "$3" = iris ] && echo "$iris_body" || echo "$news_body")
  for w in 1 2; do
    start_slipway "$1" "$2" "$w"; measure "slipway $1, $w worker(s)" "$url" "$root/bench/python/$3.lua" "$body"
    kill_tree "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  done
  if [ -n "$seldon" ]; then
    start_seldon "$1" "$2"; measure "seldon-core 1.18.2 $1 (gunicorn 1x1)" "$url" "$root/bench/python/$3.lua" "$body"
    kill_tree "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  fi
done
