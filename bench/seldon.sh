#!/usr/bin/env bash
# The model server beside seldon-core: the iris scikit-learn model (fixture iris-logreg, predict_proba) served by
# Slipway's SKLEARN_SERVER (`slipway serve`, pure Java) and by seldon-core 1.18.2's Python microservice (Flask under
# gunicorn, its defaults: 1 worker, 1 thread; bench/python/IrisClassifier.py: joblib + predict_proba), with an nginx
# answering a fixed body of the same size as the ceiling. Same wrk load (-t2 -c16, the body SeldonClient sends),
# rounds alternating the three; medians and the ratios.
#
#   SELDON_CORE_GIT=/path/to/seldon-core(.git) bench/seldon.sh [ROUNDS=3] [SECONDS=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/nginx.sh"
rounds="${1:-3}"; secs="${2:-10}"
py="${SLIPWAY_PYTHON:-/usr/bin/python3}"
fixtures="$(cd "${SLIPWAY_FIXTURES:-$root/../shared/fixtures}" && pwd)"
work="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill_tree "$p"; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
pkgs=(wrk nginx-light python3-numpy python3-sklearn python3-joblib python3-flask python3-flask-cors gunicorn
      python3-protobuf python3-grpcio python3-prometheus-client python3-jsonschema python3-yaml)
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
[ -f "$root/slipway-cli/target/slipway.jar" ] || (cd "$root" && mvn -B -q -DskipTests package -pl slipway-cli -am)
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
lat() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$2"; }
lua="$root/bench/python/iris.lua"
body='{"data": {"ndarray": [[5.1, 3.5, 1.4, 0.2]]}}'
await() { for _ in $(seq 1 600); do curl -sf -o /dev/null -XPOST -H 'Content-Type: application/json' -d "$body" "$1" && return 0; sleep 0.1; done; echo "bench: $1 never answered" >&2; exit 1; }

source "$root/bench/seldon-core.sh"
seldon_extract
[ -n "$seldon" ] || { echo "bench: set SELDON_CORE_GIT to a clone of SeldonIO/seldon-core" >&2; exit 2; }

# Slipway: the launcher's JVM flags (./slipway) without its rebuild check
sport=$(free_port)
MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xms16m -XX:ReservedCodeCacheSize=48m -XX:+UnlockExperimentalVMOptions \
  -XX:TrimNativeHeapInterval=2000 -jar "$root/slipway-cli/target/slipway.jar" serve --implementation SKLEARN_SERVER \
  --model-uri "$fixtures/iris-logreg" --param method=predict_proba --port "$sport" --grpc-port -1 \
  > "$work/slipway.log" 2>&1 &
pids+=($!)
declare -A url=([slipway]="http://127.0.0.1:$sport/api/v1.0/predictions")
await "${url[slipway]}"
start_seldon IrisClassifier "$fixtures/iris-logreg"; url[seldon]="$url"
await "${url[seldon]}"
# nginx answering Slipway's own answer as a fixed body (same size)
answer="$(curl -s -XPOST -H 'Content-Type: application/json' -d "$body" "${url[slipway]}")"
ngport=$(free_port)
fixed_body_nginx "$work" "$ngport" "$answer" & pids+=($!)
url[nginx]="http://127.0.0.1:$ngport/api/v1.0/predictions"
await "${url[nginx]}"

for t in slipway seldon nginx; do wrk -t2 -c16 -d3s -s "$lua" "${url[$t]}" > /dev/null; done  # warm-up
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/r"
for r in $(seq "$rounds"); do
  for t in nginx slipway seldon; do
    wrk -t2 -c16 -d"${secs}s" --latency -s "$lua" "${url[$t]}" > "$work/w"
    line="$t $(awk '/Requests\/sec/ {print $2}' "$work/w") $(lat 50% "$work/w") $(lat 99% "$work/w")"
    echo "round $r: $line"; echo "$line" >> "$work/r"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
med() { awk -v t="$1" -v c="$2" '$1==t {print $c}' "$work/r" | median; }
printf '\n%-44s %12s %10s %10s\n' "iris predict_proba ($rounds x ${secs}s, wrk -t2 -c16; medians)" "req/s" "p50 ms" "p99 ms"
printf '%-44s %12s %10s %10s\n' "nginx, fixed body (ceiling)" "$(med nginx 2)" "$(med nginx 3)" "$(med nginx 4)"
printf '%-44s %12s %10s %10s\n' "slipway serve SKLEARN_SERVER" "$(med slipway 2)" "$(med slipway 3)" "$(med slipway 4)"
printf '%-44s %12s %10s %10s\n' "seldon-core 1.18.2 microservice (gunicorn 1x1)" "$(med seldon 2)" "$(med seldon 3)" "$(med seldon 4)"
awk -v s="$(med slipway 2)" -v c="$(med seldon 2)" -v n="$(med nginx 2)" 'BEGIN {
  printf "slipway / seldon-core: %.1fx (target >= 40x); slipway / nginx: %.2f (target >= 0.6)\n", s / c, s / n }'
