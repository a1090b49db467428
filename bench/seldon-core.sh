# seldon-core 1.18.2's Python microservice for the bench scripts (sourced; needs $work, $py, pids=()).
# seldon-core is source-available and on neither Maven Central nor Debian: `python/` of tag v1.18.2 is read from
# a clone you provide (SELDON_CORE_GIT: git archive into $work, deleted with it; nothing of it is kept), run with
# Debian's flask, flask-cors, gunicorn, numpy, protobuf, grpcio, prometheus-client, jsonschema, yaml. Debian has no
# grpc_reflection: a no-op stand-in is written beside it (only REST is measured).
seldon=""
seldon_extract() {
  [ -n "${SELDON_CORE_GIT:-}" ] || { echo "bench: SELDON_CORE_GIT is not set: no seldon-core" >&2; return 0; }
  mkdir -p "$work/seldon"
  git --git-dir="$(cd "$SELDON_CORE_GIT" && git rev-parse --absolute-git-dir)" archive v1.18.2 python/seldon_core \
    | tar -x -C "$work/seldon"
  mkdir -p "$work/seldon/python/grpc_reflection/v1alpha"
  : > "$work/seldon/python/grpc_reflection/__init__.py"; : > "$work/seldon/python/grpc_reflection/v1alpha/__init__.py"
  printf 'SERVICE_NAME = "grpc.reflection.v1alpha.ServerReflection"\ndef enable_server_reflection(service_names, server, pool=None):\n    pass\n' \
    > "$work/seldon/python/grpc_reflection/v1alpha/reflection.py"
  seldon="$work/seldon/python"
}
start_seldon() { # CLASS MODEL_DIR; sets url (the class is read from bench/python)
  local port; port=$(free_port)
  (cd "$root/bench/python" && PYTHONPATH="$seldon:$root/bench/python" \
    PREDICTIVE_UNIT_PARAMETERS="[{\"name\":\"model_uri\",\"value\":\"$2\",\"type\":\"STRING\"}]" \
    exec "$py" -m seldon_core.microservice "$1" --service-type MODEL --http-port "$port" --grpc-port "$(free_port)" \
      --metrics-port "$(free_port)" --log-level WARNING > "$work/seldon-$1.log" 2>&1) &
  pids+=($!)
  url="http://127.0.0.1:$port/api/v1.0/predictions"
}
