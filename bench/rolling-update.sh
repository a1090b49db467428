#!/usr/bin/env bash
# A rolling update, a scale-down and a scale-up under steady load (wrk, 8 connections): every request must
# succeed. Exit status 0 only when wrk saw no socket error and no non-2xx answer.
# Usage: bench/rolling-update.sh [DURATION_SECONDS (default 40)]
source "$(dirname "$0")/lib.sh"
duration="${1:-40}"
need_wrk
build
start_up
slipway deploy -f "$(manifest rolling 2 2)" --server "$server" --wait >&2
script="$(wrk_script)"
url="http://127.0.0.1:$gw_port/seldon/default/rolling/api/v1.0/predictions"
wrk -t2 -c8 -d"${duration}s" --latency -s "$script" "$url" > "$work/wrk.out" &
wrk_pid=$!
sleep 3
echo "bench: rolling update (scale 2 -> 3, two replicas replaced one at a time)" >&2
slipway deploy -f "$(manifest rolling 2 3)" --server "$server" --wait >&2
echo "bench: scale down to 1" >&2
slipway deploy -f "$(manifest rolling 1 3)" --server "$server" --wait >&2
echo "bench: rolling update + scale up to 2 (scale 3 -> 4)" >&2
slipway deploy -f "$(manifest rolling 2 4)" --server "$server" --wait >&2
slipway get deployments --server "$server" >&2
wait "$wrk_pid"
cat "$work/wrk.out"
errors="$( (grep -Eo '(connect|read|write|timeout) [0-9]+' "$work/wrk.out" || true) | awk '{s+=$2} END {print s+0}')"
non2xx="$( (grep -Eo 'Non-2xx or 3xx responses: [0-9]+' "$work/wrk.out" || true) | awk '{print $NF}')"
non2xx="${non2xx:-0}"
echo "rolling-update: socket errors $errors, non-2xx $non2xx"
[ "$errors" = 0 ] && [ "$non2xx" = 0 ]
