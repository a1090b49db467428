# Sourced by bench/packed.sh and bench/packed-up.sh: spread_load URL PREFIX N SECS MEASURE... runs wrk -t2 -c16 over N
# models (bench/spread.lua) for 3 s of warm-up, then for SECS s with latencies into $work/wrk.txt, running the command
# MEASURE... at 80% of the run and putting its output in $under.
spread_load() {
  local url=$1 prefix=$2 n=$3 secs=$4; shift 4
  local lua; lua="$(dirname "${BASH_SOURCE[0]}")/spread.lua"
  SPREAD_N=$n SPREAD_PREFIX=$prefix wrk -t2 -c16 -d3s -s "$lua" "$url" > /dev/null   # warm-up
  SPREAD_N=$n SPREAD_PREFIX=$prefix wrk -t2 -c16 -d"${secs}s" --latency -s "$lua" "$url" > "$work/wrk.txt" &
  local w=$!
  sleep "$(awk -v s="$secs" 'BEGIN {print s * 0.8}')"
  under=$("$@"); wait $w
}
