#!/usr/bin/env bash
# A static 100 MiB file served to curl over loopback by asyncio4j's web.FileResponse (Net.sendfile: the kernel's
# zero-copy path), nginx (one worker, `sendfile on`) and aiohttp.web's FileResponse (/usr/bin/python3), same run.
# Prints MB/s (curl's speed_download / 1e6) of every run and each server's median, and the ratios.
#   ROUNDS   downloads per server [5]        SIZE_MIB   the file's size [100]
# Needs the modules compiled (mvn -pl core,net,http verify -DskipTests), nginx, curl, python3 with aiohttp.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${ROUNDS:-5}"; SIZE_MIB="${SIZE_MIB:-100}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
M2="$HOME/.m2/repository"
newest() { ls -d "$M2/$1"/*/ | sort -V | tail -n1 | xargs -I{} sh -c 'ls {}*.jar' | grep -v -- '-sources\|-javadoc' | head -n1; }
CP="core/target/classes:net/target/classes:http/target/classes"
for a in com/google/errorprone/error_prone_annotations org/eclipse/jetty/jetty-http org/eclipse/jetty/jetty-io \
         org/eclipse/jetty/jetty-util org/slf4j/slf4j-api com/fasterxml/jackson/core/jackson-core \
         com/fasterxml/jackson/core/jackson-databind com/fasterxml/jackson/core/jackson-annotations \
         com/fasterxml/jackson/datatype/jackson-datatype-jsr310; do
  j="$(newest "$a" 2>/dev/null || true)"; [ -n "$j" ] && CP="$CP:$j"
done
DIR="$(mktemp -d)"; mkdir -p "$DIR/www"
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$DIR/www/big.bin"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cat > "$DIR/nginx.conf" <<NGXEOF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 1;
daemon off;
pid $DIR/nginx.pid;
error_log $DIR/error.log warn;
events { worker_connections 1024; }
http {
    access_log off; sendfile on; tcp_nopush on;
    client_body_temp_path $DIR/t1; proxy_temp_path $DIR/t2; fastcgi_temp_path $DIR/t3; uwsgi_temp_path $DIR/t4;
    scgi_temp_path $DIR/t5;
    server { listen 127.0.0.1:NGXPORT; root $DIR/www; }
}
NGXEOF
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$DIR"; }
trap cleanup EXIT
wait_up() { for _ in $(seq 100); do curl -sf -r 0-0 -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer at $1" >&2; exit 1; }
declare -A URL
p="$(free_port)"; "$JAVA" -XX:+UseParallelGC -cp "$CP" bench/sendfile/StaticServer.java "$p" "$DIR/www" > "$DIR/java.log" 2>&1 &
PIDS+=($!); URL[asyncio4j]="http://127.0.0.1:$p/big.bin"
p="$(free_port)"; sed -i "s/NGXPORT/$p/" "$DIR/nginx.conf"
/usr/sbin/nginx -p "$DIR" -c "$DIR/nginx.conf" -e "$DIR/error.log" > "$DIR/nginx.log" 2>&1 &
PIDS+=($!); URL[nginx]="http://127.0.0.1:$p/big.bin"
p="$(free_port)"; /usr/bin/python3 bench/sendfile/aiohttp_static.py "$p" "$DIR/www" > "$DIR/aiohttp.log" 2>&1 &
PIDS+=($!); URL[aiohttp]="http://127.0.0.1:$p/big.bin"
SERVERS=(asyncio4j nginx aiohttp)
for s in "${SERVERS[@]}"; do wait_up "${URL[$s]}"; done
for s in "${SERVERS[@]}"; do for _ in 1 2; do curl -s -o /dev/null "${URL[$s]}"; done; done # warm-up
declare -A ALL
for r in $(seq "$ROUNDS"); do
  for s in "${SERVERS[@]}"; do # interleaved, so that a noisy moment hits every server alike
    v="$(curl -s -o /dev/null -w '%{speed_download}' "${URL[$s]}")"
    ALL[$s]="${ALL[$s]:-} $(python3 -c "print(round($v/1e6))")"
  done
done
declare -A MED
for s in "${SERVERS[@]}"; do
  MED[$s]="$(python3 -c "import statistics,sys; print(round(statistics.median(map(float,sys.argv[1:]))))" ${ALL[$s]})"
  printf '%-10s median %6s MB/s   runs:%s\n' "$s" "${MED[$s]}" "${ALL[$s]}"
done
python3 -c "a,n,h=${MED[asyncio4j]},${MED[nginx]},${MED[aiohttp]}; print(f'asyncio4j/nginx {a/n:.2f}x   asyncio4j/aiohttp {a/h:.2f}x')"
