# Sourced by bench/run-side-by-side.sh and bench/startup.sh: nginx (one worker, keep-alive for the benchmark's whole
# length) serving a 1 KiB file from a temporary directory on a free loopback port, for the HTTP client benchmarks.
#   nginx_start LOG [PIN...]   starts it (PIN: a command prefix such as `taskset -c 0`) and waits until it answers;
#                              sets NGX (its directory), NGX_PID and NGX_URL (the 1 KiB file's URL). Needs $PY.
#   nginx_stop                 stops it and removes its directory.
nginx_start() {
  local log="$1"; shift
  NGX="$(mktemp -d)"; mkdir -p "$NGX/www"; head -c 1024 /dev/zero | tr '\0' 'x' > "$NGX/www/1k.txt"
  local port
  port="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  cat > "$NGX/nginx.conf" <<NGXEOF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 1;
daemon off;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $NGX/tmp-body; proxy_temp_path $NGX/tmp-proxy; fastcgi_temp_path $NGX/tmp-fastcgi;
    uwsgi_temp_path $NGX/tmp-uwsgi; scgi_temp_path $NGX/tmp-scgi;
    keepalive_timeout 60; keepalive_requests 1000000;
    server { listen 127.0.0.1:$port; root $NGX/www; }
}
NGXEOF
  "$@" /usr/sbin/nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log" > "$log" 2>&1 &
  NGX_PID=$!
  NGX_URL="http://127.0.0.1:$port/1k.txt"
  for _ in $(seq 50); do curl -sf "$NGX_URL" > /dev/null 2>&1 && break; sleep 0.1; done
}

nginx_stop() {
  kill "$NGX_PID" 2>/dev/null; wait "$NGX_PID" 2>/dev/null || true; rm -rf "$NGX"
}
