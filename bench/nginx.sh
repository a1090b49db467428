# Sourced by the bench scripts: an nginx answering one fixed JSON body on loopback (this machine's ceiling).
# fixed_body_nginx WORK PORT BODY runs it in the foreground with its config and logs in WORK: start it with `&`.
fixed_body_nginx() {
  cat > "$1/nginx.conf" <<NGINX
worker_processes auto; daemon off; pid $1/nginx.pid; error_log $1/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$2; location / { default_type application/json; return 200 '$3'; } } }
NGINX
  exec nginx -c "$1/nginx.conf" -p "$1"
}
