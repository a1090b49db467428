#!/usr/bin/env bash
# Replica JVMs as the local runtime starts them (docs/runtime-local.md, "Replica JVMs"): one `slipway up`, the iris
# SKLEARN_SERVER model (shared fixture iris-logreg) deployed, and the replica's own argument file (`java @ARGS`, what
# the runtime runs) re-run by hand, without its supervisor, in four variants, side by side:
#   slim    as started today: ServeMain on the model server + that one runtime's class path, its CDS archive
#   slim-c1 the same with the C1 compiler only (-XX:TieredStopAtLevel=1, what SLIPWAY_JAVA_OPTS would add)
#   full    SLIPWAY_REPLICA_CLASSPATH=full: the whole distribution's class path (no archive for it)
#   before  full, without the footprint flags replicas got with the small class path (the replica of before)
# For each: start to ready (exec to the "listening on" line; median of ROUNDS), then RSS and PSS under
# wrk -t2 -c16 after BENCH_WARMUP (default 12) seconds of load: the medians of samples every 0.5 s over the run (until
# 2026-12-05 14:50 one sample after a 3 s warm-up, while C2 still compiled), VmHWM (the peak), requests/s.
# Usage: bench/replica.sh [ROUNDS (default 5)] [SECONDS (default 8)]
source "$(dirname "$0")/lib.sh"
rounds="${1:-5}"
secs="${2:-8}"
fixtures="${SLIPWAY_FIXTURES:-$root/../shared/fixtures}"
need_wrk
build
iris="$(cd "$fixtures/iris-logreg" && pwd)"
cat > "$work/iris.yaml" <<YAML
# iris-logreg served by the built-in scikit-learn runtime
{apiVersion: machinelearning.seldon.io/v1, kind: SeldonDeployment, metadata: {name: iris},
 spec: {predictors: [{name: default, replicas: 1,
   graph: {name: classifier, implementation: SKLEARN_SERVER, modelUri: "$iris"}}]}}
YAML
args_of() { ls "$1"/logs/default/iris/*.args; }

start_up
slipway deploy -f "$work/iris.yaml" --server "$server" --wait >&2
# the first replica of a class path records its archive in the background (serve --cds-training); the next start
# of that class path uses it
for _ in $(seq 1 240); do
  pgrep -f -- "$root/slipway-cli/target/cds/replica-" >/dev/null || break  # the training run: java @DIST/cds/replica-DIGEST.args
  sleep 0.5
done
if ! grep -q SharedArchiveFile "$(args_of "$work/data")"; then
  slipway delete deployment iris --server "$server" >&2
  slipway deploy -f "$work/iris.yaml" --server "$server" --wait >&2
fi
grep -q SharedArchiveFile "$(args_of "$work/data")" || echo "bench: WARNING: no CDS archive for the replica" >&2
cp "$(args_of "$work/data")" "$work/slim.args"
kill -TERM "$up_pid"; wait "$up_pid" 2>/dev/null || true
SLIPWAY_REPLICA_CLASSPATH=full UP_NAME=full start_up
slipway deploy -f "$work/iris.yaml" --server "$server" --wait >&2
cp "$(args_of "$work/data-full")" "$work/full.args"
kill -TERM "$up_pid"; wait "$up_pid" 2>/dev/null || true

python3 - "$work" "$rounds" "$secs" "$root/bench/post-predict.lua" <<'PY'
import os, re, statistics, subprocess, sys, time
work, rounds, secs, lua = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
warmup = int(os.environ.get("BENCH_WARMUP", "12"))  # s of load before measuring: the JIT's warm-up peak is VmHWM
java = "java"

def load(name):
    lines = open(os.path.join(work, name)).read().splitlines()
    out, skip = [], 0
    for l in lines:  # no supervisor to watch, no socket (the up's replica is gone, but keep the data folder clean)
        if skip:
            skip -= 1
            continue
        if l in ('"--watch-parent"', '"--socket"'):
            skip = 1
            continue
        out.append(l)
    return out

def write(name, lines):
    path = os.path.join(work, name)
    open(path, "w").write("\n".join(lines) + "\n")
    return path

slim = load("slim.args")
full = load("full.args")
cp = slim.index('"-cp"')
footprint = ('"-Xms16m"', '"-XX:ReservedCodeCacheSize=48m"', '"-XX:MaxMetaspaceSize=256m"',
             '"-XX:+UnlockExperimentalVMOptions"', '"-XX:+IgnoreUnrecognizedVMOptions"', '"-XX:TrimNativeHeapInterval=2000"')
variants = {
    "slim": write("v-slim.args", slim),
    "slim-c1": write("v-slim-c1.args", slim[:cp] + ['"-XX:TieredStopAtLevel=1"'] + slim[cp:]),
    "full": write("v-full.args", full),
    "before": write("v-before.args", [l for l in full if l not in footprint]),
}

def start(args):
    p = subprocess.Popen([java, "@" + args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         env=dict(os.environ, MALLOC_ARENA_MAX="2"))
    t0 = time.monotonic()
    for line in p.stdout:
        m = re.search(r"listening on http://[^:]+:(\d+)", line)
        if m:
            return p, (time.monotonic() - t0) * 1000, int(m.group(1))
    raise SystemExit("the replica did not start: " + args)

def stop(p):
    p.terminate()
    p.wait(30)

def kb(pid, field, path="status"):
    for l in open("/proc/%d/%s" % (pid, path)):
        if l.startswith(field):
            return int(l.split()[1])

results = {}
for r in range(rounds):  # rounds alternate the variants
    for name, args in variants.items():
        p, ms, _ = start(args)
        stop(p)
        results.setdefault(name, {"ready": []})["ready"].append(ms)
for name, args in variants.items():
    p, _, port = start(args)
    url = "http://127.0.0.1:%d/api/v1.0/predictions" % port
    subprocess.run(["wrk", "-t2", "-c16", "-d%ds" % warmup, "-s", lua, url], capture_output=True)
    w = subprocess.Popen(["wrk", "-t2", "-c16", "-d%ds" % secs, "-s", lua, url], stdout=subprocess.PIPE, text=True)
    samples = []  # every 0.5 s while wrk runs: the median, not one instant (the JIT's arenas come and go)
    end = time.monotonic() + secs * 0.9
    while time.monotonic() < end:
        time.sleep(0.5)
        samples.append((kb(p.pid, "VmRSS:"), kb(p.pid, "Pss:", "smaps_rollup")))
    rss, pss = (statistics.median(s[i] for s in samples) for i in (0, 1))
    out = w.communicate()[0]
    hwm = kb(p.pid, "VmHWM:")
    stop(p)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    results[name].update(rss=rss / 1024, pss=pss / 1024, hwm=hwm // 1024, rps=rps)
print("\n%-8s %16s %14s %14s %10s %12s" % ("replica", "ready ms (med)", "RSS MB (load)", "PSS MB (load)", "VmHWM MB", "requests/s"))
for name, v in results.items():
    print("%-8s %16.0f %14.1f %14.1f %10d %12.0f   (ready: %s)" % (name, statistics.median(v["ready"]), v["rss"], v["pss"],
          v["hwm"], v["rps"], " ".join("%.0f" % x for x in v["ready"])))
print("class path entries: slim %d, full %d" % (len(slim[cp + 1].split(":")), len(full[full.index('"-cp"') + 1].split(":"))))
PY
