#!/usr/bin/env bash
# Side-by-side benchmarks: asyncio4j (fast carrier, portable carrier) against CPython asyncio and uvloop (and, for the
# echo and HTTP servers, Netty and aiohttp.web).
#
#   bench/run-side-by-side.sh            build bench (and core), run everything, print the tables
#
# Environment knobs (defaults in brackets):
#   SKIP_BUILD=1          use the existing bench/target/benchmarks.jar
#   PYTHON                the Python to run [/usr/bin/python3, else python3 on PATH]
#   JAVA_ROUNDS / JAVA_WARMUP       measured / warm-up rounds for the Java switch runs [5 / 3]
#   PY_ROUNDS / PY_WARMUP           the same for Python [5 / 1]
#   PORTABLE_DIV=k        run the portable carrier with 1/k of the switches per task (1 x 1,000,000/k and
#                         10,000 x 100/k), for when it is slow; the table says so [1: full shapes]
#   MEM_TASKS / MEM_ROUNDS          tasks and in-JVM rounds of the Java memory benchmark [1000000 / 3]
#   PY_MEM_METHOD         rss or tracemalloc [rss; tracemalloc is exact but takes ~45 s per run]
#   SKIP_MEMORY=1         skip the memory benchmark
#   TREE_ROUNDS           measured trees per async_tree run [10]
#   JVM_OPTS              JVM options of the timed Java runs [-Xms1g]
#   SKIP_SWITCH=1 / SKIP_TREE=1     skip the switch / async_tree runs
#   ECHO_SECONDS / SKIP_ECHO=1      measured seconds per echo run (after 1 s of warm-up) [3] / skip the echo runs
#   ECHO_ROUNDS           rounds of the whole echo set; each round runs every server once, and the tables show
#                         the median of the rounds (runs of one server vary by 10-20% on 2 cores) [3]
#   HTTP_SECONDS / HTTP_ROUNDS / SKIP_HTTP=1   wrk seconds per HTTP run [10] / rounds [3] / skip the HTTP runs
#   MULTI_SECONDS / MULTI_ROUNDS / SKIP_MULTI=1   the HTTP hello on 2 cores (asyncio4j 2 workers and 1, aiohttp.web
#                         2 processes on uvloop, Netty 2 threads; wrk -t2 -c200 unpinned): wrk seconds per run
#                         [HTTP_SECONDS] / rounds [HTTP_ROUNDS] / skip it
#   SKIP_ACCESSLOG=1      skip the access log runs (HTTP hello with the access log on, to a file flushed per line
#                         and to a 64 KiB buffer, against off; HTTP_SECONDS / HTTP_ROUNDS as above)
#   CLIENT_REQUESTS / CLIENT_ROUNDS / CLIENT_WARMUP / SKIP_CLIENT=1   GETs per HTTP client round [20000] /
#                         measured rounds [5] / seconds of warm-up rounds before them [8] / skip them
#   SKIP_STARTUP=1        skip the start-up benchmark (bench/startup.sh: hello, one GET, server start to first 200,
#                         whole processes against CPython and aiohttp; STARTUP_ROUNDS [7] / STARTUP_WARMUP [2])
#   ECHO_PIN=0            do not pin the echo server to CPU 0 and its client to CPU 1 [pinned when there are 2+ CPUs]
# Logs of every run go to bench/results/<timestamp>/ (git-ignored). Whole run: about 25 minutes on 2 cores.
# Runs are strictly one after another; do not run anything else meanwhile (2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nginx.sh
ROOT="$PWD"

die() { echo "run-side-by-side: $*" >&2; exit 1; }

# A JDK 25: $JAVA_HOME if it is one, else /usr/lib/jvm/*25* (then the rest of /usr/lib/jvm and ~/.jdks).
find_jdk25() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/* "$HOME"/.jdks/*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    if "$c/bin/java" -version 2>&1 | head -n1 | grep -Eq 'version "25([."]|$)'; then
      echo "$c"; return 0
    fi
  done
  return 1
}
JDK="$(find_jdk25)" || die "no JDK 25 found (looked at \$JAVA_HOME, /usr/lib/jvm/*25*, /usr/lib/jvm/*, ~/.jdks/*)"
JAVA="$JDK/bin/java"

if [ -n "${PYTHON:-}" ]; then PY="$PYTHON"
elif [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3
else PY="$(command -v python3)" || die "no python3 found"; fi
HAVE_UVLOOP=1
if ! "$PY" -c 'import uvloop' 2>/dev/null && [ "$PY" = /usr/bin/python3 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing Debian's python3-uvloop (the peer)"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y -q python3-uvloop >/dev/null 2>&1 \
    || { $SUDO apt-get update -q >/dev/null 2>&1 && $SUDO apt-get install -y -q python3-uvloop >/dev/null 2>&1; } || true
fi
"$PY" -c 'import uvloop' 2>/dev/null || { HAVE_UVLOOP=0; echo "run-side-by-side: uvloop not importable by $PY: skipping it" >&2; }

JAR="bench/target/benchmarks.jar"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to build; or set SKIP_BUILD=1 with a built $JAR"
  echo "== building core + bench (mvn package, no tests)"
  JAVA_HOME="$JDK" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
    mvn -B -q -ntp -Dstyle.color=never -DskipTests -pl bench -am package 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
fi
[ -f "$JAR" ] || die "$JAR is missing (build failed?)"

JAVA_ROUNDS="${JAVA_ROUNDS:-5}"; JAVA_WARMUP="${JAVA_WARMUP:-3}"
PY_ROUNDS="${PY_ROUNDS:-5}";     PY_WARMUP="${PY_WARMUP:-1}"
MEM_TASKS="${MEM_TASKS:-1000000}"; MEM_ROUNDS="${MEM_ROUNDS:-3}"; PY_MEM_METHOD="${PY_MEM_METHOD:-rss}"
# A fixed initial heap for the timed runs: with the default (1/64 of RAM) G1 keeps resizing the heap while the
# rounds run, and async_tree rounds swing between ~40 and ~150 ms. The memory runs set their own heap.
read -r -a JVM_OPTS <<< "${JVM_OPTS:--Xms1g}"
FAST=(--add-opens java.base/java.lang=ALL-UNNAMED -Dasyncio4j.carrier=fast)
PORTABLE=(-Dasyncio4j.carrier=portable)
# What lets the socket transports use the JDK's foreign calls (the *-native echo labels); the library is on the class
# path here, hence ALL-UNNAMED (on the module path: io.asyncio4j.net).
NATIVE_IO=(--enable-native-access=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED)
PORTABLE_DIV="${PORTABLE_DIV:-1}"
P1=$((1000000 / PORTABLE_DIV)); P2=$((100 / PORTABLE_DIV)); [ "$P2" -ge 1 ] || P2=1

OUT="bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: > "$RESULTS"

# run LABEL CMD...: runs one benchmark, its output to the terminal and the log, RESULT lines to $RESULTS.
run() {
  local label="$1"; shift
  echo "== $label"
  "$@" 2>&1 | tee "$OUT/$label.log" | grep -v '^INFO\|io.asyncio4j.Carrier choose' || true
  grep '^RESULT' "$OUT/$label.log" | sed "s/^RESULT /RESULT label=$label /" >> "$RESULTS" \
    || echo "run-side-by-side: $label produced no RESULT line" >&2
}

{
  echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem:/{print $2}') GB RAM, $(uname -sr)"
  echo "java:    $("$JAVA" -version 2>&1 | head -n1) at $JDK"
  echo "python:  $("$PY" --version 2>&1) at $PY$( [ $HAVE_UVLOOP = 1 ] && echo ", uvloop $("$PY" -c 'import uvloop; print(uvloop.__version__)')")"
  echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git status --porcelain core 2>/dev/null | grep -q . && echo ' (core has uncommitted changes)')"
  echo "jvm:     ${JVM_OPTS[*]} (timed runs)"
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at start"
} | tee "$OUT/machine.txt"

[ "${SKIP_SWITCH:-0}" = 1 ] && SHAPES=() || SHAPES=("1 1000000" "10000 100")
for shape in "${SHAPES[@]}"; do
  set -- $shape
  run "switch-bare-yield-$1x$2"    "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}"     -cp "$JAR" io.asyncio4j.bench.BareYieldBench "$1" "$2" "$JAVA_ROUNDS" "$JAVA_WARMUP"
  run "switch-java-fast-$1x$2"     "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}"     -cp "$JAR" io.asyncio4j.bench.SwitchBench "$1" "$2" "$JAVA_ROUNDS" "$JAVA_WARMUP"
  if [ "$1" = 1 ]; then ps="1 $P1"; else ps="10000 $P2"; fi
  set -- $ps
  run "switch-java-portable-$1x$2" "$JAVA" "${JVM_OPTS[@]}" "${PORTABLE[@]}" -cp "$JAR" io.asyncio4j.bench.SwitchBench "$1" "$2" 3 1
  set -- $shape
  run "switch-asyncio-$1x$2" "$PY" bench/python/switch.py asyncio "$1" "$2" "$PY_ROUNDS" "$PY_WARMUP"
  [ $HAVE_UVLOOP = 1 ] && run "switch-uvloop-$1x$2" "$PY" bench/python/switch.py uvloop "$1" "$2" "$PY_ROUNDS" "$PY_WARMUP"
done

TREE_ROUNDS="${TREE_ROUNDS:-10}"
[ "${SKIP_TREE:-0}" = 1 ] && TREES=() || TREES=(gather taskgroup)
for v in "${TREES[@]}"; do
  run "tree-java-fast-$v"     "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}"     -cp "$JAR" io.asyncio4j.bench.AsyncTreeBench "$v" "$TREE_ROUNDS" 5
  run "tree-java-portable-$v" "$JAVA" "${JVM_OPTS[@]}" "${PORTABLE[@]}" -cp "$JAR" io.asyncio4j.bench.AsyncTreeBench "$v" "$TREE_ROUNDS" 3
  run "tree-asyncio-$v" "$PY" bench/python/async_tree.py asyncio "$v" "$TREE_ROUNDS" 1
  [ $HAVE_UVLOOP = 1 ] && run "tree-uvloop-$v" "$PY" bench/python/async_tree.py uvloop "$v" "$TREE_ROUNDS" 1
done

# Echo: each server on one loop thread, loaded by bench's selector client; also the server's CPU per round trip
# (utime+stime of its process over the client's run), which tells servers apart when the 2 cores saturate.
ECHO_SECONDS="${ECHO_SECONDS:-3}"; ECHO_ROUNDS="${ECHO_ROUNDS:-3}"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Server and client each get a CPU of their own (taskset), so that neither steals the other's and runs repeat.
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1 && [ "${ECHO_PIN:-1}" = 1 ]; then
  PIN_SERVER=(taskset -c 0); PIN_CLIENT=(taskset -c 1)
else
  PIN_SERVER=(); PIN_CLIENT=()
fi
echo_run() { # ROUND LABEL CMD...: start the server, load it at each message size, stop it
  local round="$1" label="$2"; shift 2
  "${PIN_SERVER[@]}" "$@" > "$OUT/server-$label.log" 2>&1 &
  local sp=$! port=""
  for _ in $(seq 100); do
    port="$(awk '/^READY/{print $2}' "$OUT/server-$label.log" 2>/dev/null || true)"; [ -n "$port" ] && break; sleep 0.1
  done
  [ -n "$port" ] || { echo "run-side-by-side: echo server $label did not start" >&2; kill "$sp" 2>/dev/null; return; }
  for msize in 1024 10240 102400; do
    local t0; t0="$(cpu_ticks "$sp")"
    run "echo-$label-$msize-r$round" "${PIN_CLIENT[@]}" "$JAVA" -cp "$JAR" io.asyncio4j.bench.echo.EchoClient "$label" "$port" "$msize" 10 "$ECHO_SECONDS"
    local t1; t1="$(cpu_ticks "$sp")"
    local all; all="$(awk '/^RESULT/{for(i=1;i<=NF;i++) if ($i ~ /^all=/) {sub("all=","",$i); print $i}}' "$OUT/echo-$label-$msize-r$round.log" || true)"
    [ -n "$all" ] && [ "$all" -gt 0 ] && echo "RESULT label=echo-cpu-$label-$msize-r$round impl=$label msize=$msize cpu_us=$(awk -v a="$t0" -v b="$t1" -v n="$all" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f", (b-a)/hz*1e6/n}')" >> "$RESULTS"
  done
  kill "$sp" 2>/dev/null; wait "$sp" 2>/dev/null || true
}
if [ "${SKIP_ECHO:-0}" != 1 ]; then
  # The floor: a C epoll server, when a C compiler is at hand.
  FLOOR=0; command -v cc >/dev/null 2>&1 && cc -O2 -o bench/target/echo_floor bench/c/echo_floor.c && FLOOR=1
  for r in $(seq "$ECHO_ROUNDS"); do
    [ $FLOOR = 1 ] && echo_run "$r" c-floor bench/target/echo_floor
    echo_run "$r" java-streams  "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" -cp "$JAR" io.asyncio4j.bench.echo.EchoServer streams
    echo_run "$r" java-protocol "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" -cp "$JAR" io.asyncio4j.bench.echo.EchoServer protocol
    # The same two servers, the same code, with the JDK's foreign calls allowed: socket reads and writes go between the
    # kernel and the Java arrays directly (net's NativeSocketIo), without the JDK's intermediate direct buffers.
    echo_run "$r" java-streams-native  "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" "${NATIVE_IO[@]}" -cp "$JAR" io.asyncio4j.bench.echo.EchoServer streams
    echo_run "$r" java-protocol-native "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" "${NATIVE_IO[@]}" -cp "$JAR" io.asyncio4j.bench.echo.EchoServer protocol
    # The streams server again, on StreamReader.readinto into one direct buffer per connection and write(ByteBuffer):
    # the transport reads straight into the waiting buffer, and no array is made per message.
    echo_run "$r" java-readinto "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" -cp "$JAR" io.asyncio4j.bench.echo.EchoServer readinto
    echo_run "$r" java-readinto-native "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" "${NATIVE_IO[@]}" -cp "$JAR" io.asyncio4j.bench.echo.EchoServer readinto
    # A BufferedProtocol reading into one direct buffer and writing it back (Transport.write(ByteBuffer)): no copy.
    echo_run "$r" java-buffered "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" -cp "$JAR" io.asyncio4j.bench.echo.EchoServer buffered
    echo_run "$r" netty         "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.asyncio4j.bench.echo.EchoServer netty
    if [ $HAVE_UVLOOP = 1 ]; then
      echo_run "$r" uvloop-protocol "$PY" bench/python/echo_server.py uvloop protocol
      echo_run "$r" uvloop-streams  "$PY" bench/python/echo_server.py uvloop streams
    fi
    echo_run "$r" asyncio-protocol "$PY" bench/python/echo_server.py asyncio protocol
  done
fi

# HTTP hello world (issue 7): wrk -t1 -c100 on GET /, each server on one loop thread, pinned as the echo runs.
HTTP_SECONDS="${HTTP_SECONDS:-10}"; HTTP_ROUNDS="${HTTP_ROUNDS:-3}"
cpu_ticks_tree() { # PID: utime+stime of PID and of its children
  local t=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/stat" ] && t=$((t + $(cpu_ticks "$p")))
  done
  echo "$t"
}
# wrk_run KIND ROUND LABEL CMD...: start the server, warm it up, load it with wrk, stop it. KIND http: the server on
# PIN_SERVER, wrk -t1 -c100 on PIN_CLIENT for HTTP_SECONDS; KIND multi: both unpinned, wrk -t2 -c200 for
# MULTI_SECONDS, the CPU summed over the server's process and its children.
wrk_run() {
  local kind="$1" round="$2" label="$3"; shift 3
  local pin=() cpin=() load=(-t1 -c100) secs="$HTTP_SECONDS" ticks=cpu_ticks
  if [ "$kind" = multi ]; then
    load=(-t2 -c200); secs="$MULTI_SECONDS"; ticks=cpu_ticks_tree
  else
    pin=(${PIN_SERVER[@]+"${PIN_SERVER[@]}"}); cpin=(${PIN_CLIENT[@]+"${PIN_CLIENT[@]}"})
  fi
  local slog="$OUT/$kind-server-$label.log" log="$OUT/$kind-$label-r$round.log"
  rm -f "$slog" # not the last round's READY line, read before this server truncates it
  ${pin[@]+"${pin[@]}"} "$@" > "$slog" 2>&1 &
  local sp=$! port=""
  for _ in $(seq 100); do
    port="$(awk '/^READY/{print $2}' "$slog" 2>/dev/null || true)"; [ -n "$port" ] && break; sleep 0.1
  done
  [ -n "$port" ] || { echo "run-side-by-side: HTTP server $label did not start" >&2; kill "$sp" 2>/dev/null; return 0; }
  ${cpin[@]+"${cpin[@]}"} wrk "${load[@]}" -d2s "http://127.0.0.1:$port/" > /dev/null 2>&1 || true
  local t0; t0="$("$ticks" "$sp")"
  ${cpin[@]+"${cpin[@]}"} wrk "${load[@]}" -d"${secs}s" "http://127.0.0.1:$port/" > "$log" 2>&1 || true
  local t1; t1="$("$ticks" "$sp")"
  kill "$sp" 2>/dev/null; wait "$sp" 2>/dev/null || true
  local rps n errs
  rps="$(awk '/^Requests\/sec:/{print $2}' "$log")"
  n="$(awk '/requests in/{print $1}' "$log")"
  errs="$(awk '/Non-2xx|Socket errors/' "$log" | tr -s ' ' | tr '\n' ';')"
  echo "== $kind $label round $round: $rps requests/s ${errs:+($errs)}"
  [ -n "$rps" ] && [ -n "$n" ] && [ "$n" -gt 0 ] && echo "RESULT label=$kind-$label-r$round impl=$label ${kind}_rps=$rps cpu_us=$(awk -v a="$t0" -v b="$t1" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.2f", (b-a)/hz*1e6/n}') errors=$([ -n "$errs" ] && echo 1 || echo 0)" >> "$RESULTS"
  return 0 # a failed run is reported above; the others go on (set -e)
}
http_run() { wrk_run http "$@"; }
if [ "${SKIP_HTTP:-0}" != 1 ]; then
  if ! command -v wrk >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's wrk (the HTTP load generator)"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get install -y -q wrk >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null 2>&1 && $SUDO apt-get install -y -q wrk >/dev/null 2>&1; } || true
  fi
  HAVE_AIOHTTP=0; "$PY" -c 'import aiohttp' 2>/dev/null && HAVE_AIOHTTP=1
  if command -v wrk >/dev/null 2>&1; then
    for r in $(seq "$HTTP_ROUNDS"); do
      http_run "$r" java-asyncio4j "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" -cp "$JAR" io.asyncio4j.bench.http.HelloServer asyncio4j
      http_run "$r" netty          "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.asyncio4j.bench.http.HelloServer netty
      if [ $HAVE_AIOHTTP = 1 ]; then
        [ $HAVE_UVLOOP = 1 ] && http_run "$r" aiohttp-uvloop "$PY" bench/python/http_hello.py uvloop
        http_run "$r" aiohttp-asyncio "$PY" bench/python/http_hello.py asyncio
      fi
    done
  else
    echo "run-side-by-side: wrk is missing: skipping the HTTP benchmark" >&2
  fi
fi

# HTTP hello world on every core (issue 19): wrk -t2 -c200, unpinned, against servers that use both cores:
# asyncio4j with 2 workers (a loop per thread, SO_REUSEPORT) and with 1, aiohttp.web in 2 processes on uvloop
# (TCPSite(reuse_port=True)), Netty with 2 event-loop threads. Server CPU per request sums every process of the
# server (the JVM's threads are in its one process; aiohttp's children are listed by pgrep -P). wrk shares the 2
# cores with the server, as a client on the same machine does.
MULTI_SECONDS="${MULTI_SECONDS:-${HTTP_SECONDS:-10}}"; MULTI_ROUNDS="${MULTI_ROUNDS:-${HTTP_ROUNDS:-3}}"
multi_run() { wrk_run multi "$@"; }
if [ "${SKIP_MULTI:-0}" != 1 ]; then
  if command -v wrk >/dev/null 2>&1; then
    for r in $(seq "$MULTI_ROUNDS"); do
      multi_run "$r" asyncio4j-2-workers "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" -cp "$JAR" io.asyncio4j.bench.http.HelloServer asyncio4j-workers 0 2
      multi_run "$r" asyncio4j-1-worker  "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" -cp "$JAR" io.asyncio4j.bench.http.HelloServer asyncio4j-workers 0 1
      multi_run "$r" netty-2-threads     "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.asyncio4j.bench.http.HelloServer netty 0 2
      if [ $HAVE_UVLOOP = 1 ] && "$PY" -c 'import aiohttp' 2>/dev/null; then
        multi_run "$r" aiohttp-uvloop-2-processes "$PY" bench/python/http_hello.py uvloop 0 2
      fi
    done
    "$PY" - "$RESULTS" <<'PYEOF' | tee "$OUT/table-multi.md"
import sys
groups = {}
for line in open(sys.argv[1]):
    kv = dict(p.split("=", 1) for p in line.split()[1:])
    if "multi_rps" in kv:
        groups.setdefault(kv["impl"], []).append(kv)
def median(vals):
    vals = sorted(vals)
    n = len(vals)
    return vals[n // 2] if n % 2 else (vals[n // 2 - 1] + vals[n // 2]) / 2
impls = [i for i in ("asyncio4j-2-workers", "asyncio4j-1-worker", "netty-2-threads", "aiohttp-uvloop-2-processes")
         if i in groups]
if impls:
    rounds = max(len(v) for v in groups.values())
    m = {i: (median([float(r["multi_rps"]) for r in groups[i]]), median([float(r["cpu_us"]) for r in groups[i]]),
             any(r.get("errors") == "1" for r in groups[i])) for i in impls}
    print(f"\nHTTP hello world on 2 cores, wrk -t2 -c200 unpinned, requests per second (server CPU per request, us, all "
          f"its threads and processes), median of {rounds} round(s):\n")
    print("| " + " | ".join(impls) + " |")
    print("|" + "---:|" * len(impls))
    print("| " + " | ".join(f"{m[i][0]:,.0f} ({m[i][1]:.1f})" + (" (errors)" if m[i][2] else "") for i in impls) + " |")
    a2, a1 = m.get("asyncio4j-2-workers"), m.get("asyncio4j-1-worker")
    nt, ai = m.get("netty-2-threads"), m.get("aiohttp-uvloop-2-processes")
    print()
    if a2 and ai:
        r = a2[0] / ai[0]
        print(f"- asyncio4j 2 workers is {r:.2f}x aiohttp.web in 2 processes on uvloop (target >= 3x): {'MET' if r >= 3 else 'MISSED'}")
    if a2 and nt:
        r = a2[0] / nt[0]
        print(f"- asyncio4j 2 workers is {r:.2f}x Netty with 2 threads (target >= 0.8x): {'MET' if r >= 0.8 else 'MISSED'}")
    if a2 and a1:
        r = a2[0] / a1[0]
        print(f"- asyncio4j 2 workers is {r:.2f}x 1 worker (target > 1x): {'MET' if r > 1 else 'MISSED'}")
PYEOF
  else
    echo "run-side-by-side: wrk is missing: skipping the multi-core HTTP benchmark" >&2
  fi
fi

# Access log (issue 19): the asyncio4j hello server with its access log on (default format, the bare line, one file
# per run) through a JUL FileHandler (a write per line), through a JUL StreamHandler over a 64 KiB buffer, and through
# a System.Logger of its own over the same buffer (what the access log costs without JUL), against the same server
# with it off, rounds interleaved.
if [ "${SKIP_ACCESSLOG:-0}" != 1 ] && command -v wrk >/dev/null 2>&1; then
  for r in $(seq "$HTTP_ROUNDS"); do
    http_run "$r" asyncio4j-log-off "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" -cp "$JAR" io.asyncio4j.bench.http.HelloServer asyncio4j
    for sink in flush buffered direct; do
      http_run "$r" "asyncio4j-log-$sink" "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" -cp "$JAR" io.asyncio4j.bench.http.HelloServer asyncio4j-accesslog 0 "$OUT/access-$sink-r$r.log" "$sink"
      echo "== access log ($sink) round $r: $(wc -l < "$OUT/access-$sink-r$r.log" 2>/dev/null || echo 0) lines"
      rm -f "$OUT/access-$sink-r$r.log" # hundreds of MB per run; the line count above is what the run needs
    done
  done
  # their own key, so that the HTTP table above does not take them for its servers
  sed -i '/label=http-asyncio4j-log-/s/ http_rps=/ log_rps=/' "$RESULTS"
fi

# HTTP client (issue 8): N GETs of a 1 KiB static file from nginx (one worker, CPU 0) at concurrency 100, one
# session with keep-alive; the client on CPU 1.
# Every client first runs warm-up rounds for CLIENT_WARMUP seconds: pinned to one CPU, the JVM's JIT shares it with
# the client, and the first rounds run at a fraction of the steady rate (the first one is reported as "cold").
CLIENT_REQUESTS="${CLIENT_REQUESTS:-20000}"; CLIENT_ROUNDS="${CLIENT_ROUNDS:-5}"; CLIENT_WARMUP="${CLIENT_WARMUP:-8}"
if [ "${SKIP_CLIENT:-0}" != 1 ] && [ -x /usr/sbin/nginx ]; then
  nginx_start "$OUT/nginx.log" ${PIN_SERVER[@]+"${PIN_SERVER[@]}"}
  URL="$NGX_URL"
  CARGS=("$URL" "$CLIENT_REQUESTS" 100 "$CLIENT_ROUNDS" "$CLIENT_WARMUP")
  run client-java-asyncio4j "${PIN_CLIENT[@]}" "$JAVA" "${JVM_OPTS[@]}" "${FAST[@]}" -cp "$JAR" io.asyncio4j.bench.http.ClientBench asyncio4j "${CARGS[@]}"
  run client-java-jdk       "${PIN_CLIENT[@]}" "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.asyncio4j.bench.http.ClientBench jdk "${CARGS[@]}"
  if "$PY" -c 'import aiohttp' 2>/dev/null; then
    [ $HAVE_UVLOOP = 1 ] && run client-aiohttp-uvloop "${PIN_CLIENT[@]}" "$PY" bench/python/http_client.py uvloop "${CARGS[@]}"
    run client-aiohttp-asyncio "${PIN_CLIENT[@]}" "$PY" bench/python/http_client.py asyncio "${CARGS[@]}"
  fi
  nginx_stop
fi

if [ "${SKIP_MEMORY:-0}" != 1 ]; then
  run memory-java-fast     "$JAVA" -Xmx4g "${FAST[@]}"     -cp "$JAR" io.asyncio4j.bench.MemoryBench "$MEM_TASKS" "$MEM_ROUNDS"
  run memory-java-portable "$JAVA" -Xmx4g "${PORTABLE[@]}" -cp "$JAR" io.asyncio4j.bench.MemoryBench "$MEM_TASKS" "$MEM_ROUNDS"
  run memory-asyncio "$PY" bench/python/memory.py asyncio "$MEM_TASKS" "$PY_MEM_METHOD"
  [ $HAVE_UVLOOP = 1 ] && run memory-uvloop "$PY" bench/python/memory.py uvloop "$MEM_TASKS" "$PY_MEM_METHOD"
fi

echo
"$PY" - "$RESULTS" <<'PYEOF' | tee "$OUT/table.md"
import sys
rows = []
for line in open(sys.argv[1]):
    kv = dict(p.split("=", 1) for p in line.split()[1:])
    rows.append(kv)
sw = {}
for r in rows:
    if "best_ns" in r:
        impl = r["impl"]
        big = "1x1,000,000" if r["tasks"] == "1" else "10,000x100"
        sw[(big, impl)] = r
def cell(r):
    if r is None:
        return "-"
    return f'{float(r["median_ns"]):,.0f} ({float(r["best_ns"]):,.0f})'
def med(r):
    return float(r["median_ns"]) if r else None
def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "-"
print("ns per switch, median of the rounds (best in parentheses):\n")
print("| shape | bare yield (floor) | java-fast | java-portable | asyncio | uvloop | uvloop / java-fast | asyncio / java-portable |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
notes = []
for big, target in (("1x1,000,000", 5), ("10,000x100", 3)):
    jf, jp = sw.get((big, "java-fast")), sw.get((big, "java-portable"))
    ai, uv = sw.get((big, "asyncio")), sw.get((big, "uvloop"))
    if jp and (int(jp["tasks"]) * int(jp["switches"])) != 1_000_000:
        notes.append(f'java-portable {big} was run as {int(jp["tasks"]):,}x{int(jp["switches"]):,} (PORTABLE_DIV)')
    print(f"| {big} | {cell(sw.get((big, 'bare-yield')))} | {cell(jf)} | {cell(jp)} | {cell(ai)} | {cell(uv)} | {ratio(med(uv), med(jf))} | {ratio(med(ai), med(jp))} |")
if notes:
    print()
for n in notes:
    print(f"* {n}")
print("\nTargets (on medians):")
for big, target in (("1x1,000,000", 5), ("10,000x100", 3)):
    jf, jp = sw.get((big, "java-fast")), sw.get((big, "java-portable"))
    ai, uv = sw.get((big, "asyncio")), sw.get((big, "uvloop"))
    if jf and uv:
        r = med(uv) / med(jf)
        print(f"- {big}: java-fast is 1/{r:.2f} of uvloop (target <= 1/{target}): {'MET' if r >= target else 'MISSED'}")
    if jp and ai:
        r = med(jp) / med(ai)
        print(f"- {big}: java-portable is {r:.2f}x asyncio (target <= 2x): {'MET' if r <= 2 else 'MISSED'}")
tree = {(r["tree"], r["impl"]): r for r in rows if "tree" in r}
if tree:
    def tcell(r):
        return f'{float(r["median_ms"]):,.1f} ({float(r["best_ms"]):,.1f})' if r else "-"
    print("\nasync_tree (depth 6, branching 6, 55,986 tasks), ms per tree, median (best):\n")
    print("| tree | java-fast | java-portable | asyncio | uvloop | uvloop / java-fast | asyncio / java-fast |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for v in ("gather", "taskgroup"):
        jf, jp = tree.get((v, "java-fast")), tree.get((v, "java-portable"))
        ai, uv = tree.get((v, "asyncio")), tree.get((v, "uvloop"))
        m = lambda r: float(r["median_ms"]) if r else None
        print(f"| {v} | {tcell(jf)} | {tcell(jp)} | {tcell(ai)} | {tcell(uv)} | {ratio(m(uv), m(jf))} | {ratio(m(ai), m(jf))} |")
    for v in ("gather", "taskgroup"):
        jf, uv = tree.get((v, "java-fast")), tree.get((v, "uvloop"))
        if jf and uv:
            r = float(uv["median_ms"]) / float(jf["median_ms"])
            print(f"- async_tree {v}: java-fast is {r:.1f}x faster than uvloop (target >= 10x): {'MET' if r >= 10 else 'MISSED'}")
def medians(key, fields, require=None):
    """One row per (impl, msize): the median of each field over the rounds (rows with `key`, and `require` if given)."""
    groups = {}
    for r in rows:
        if key in r and (require is None or require in r):
            groups.setdefault((r["impl"], r.get("msize")), []).append(r)
    out = {}
    for k, rs in groups.items():
        m = {}
        for f in fields:
            vals = sorted(float(r[f]) for r in rs if f in r)
            if vals:
                m[f] = str(vals[len(vals) // 2] if len(vals) % 2 else (vals[len(vals) // 2 - 1] + vals[len(vals) // 2]) / 2)
        m["rounds"] = len(rs)
        out[k] = m
    return out
echo = medians("rps", ("rps", "client_busy"), require="msize")
cpu = medians("cpu_us", ("cpu_us",), require="msize")
if echo:
    impls = [i for i in ("java-streams", "java-protocol", "java-streams-native", "java-protocol-native", "java-readinto", "java-readinto-native", "java-buffered", "netty", "uvloop-protocol", "uvloop-streams", "asyncio-protocol",
                         "c-floor") if any(k[0] == i for k in echo)]
    rounds = max(v["rounds"] for v in echo.values())
    print(f"\nEcho, 10 connections ping-pong, round trips per second (server CPU per round trip, us), median of {rounds} round(s):\n")
    print("| msize | " + " | ".join(impls) + " | java-streams / uvloop-protocol | java-streams / netty"
          + " | java-streams-native / uvloop-protocol | java-streams-native / asyncio-protocol"
          + " | java-readinto / uvloop-protocol | java-readinto / asyncio-protocol"
          + " | java-readinto-native / uvloop-protocol | java-readinto-native / asyncio-protocol |")
    print("|---|" + "---:|" * (len(impls) + 8))
    for m in ("1024", "10240", "102400"):
        cells = []
        for i in impls:
            e, c = echo.get((i, m)), cpu.get((i, m))
            cells.append(f'{float(e["rps"]):,.0f} ({float(c["cpu_us"]):.1f})' if e and c else (f'{float(e["rps"]):,.0f}' if e else "-"))
        js, up, nt = echo.get(("java-streams", m)), echo.get(("uvloop-protocol", m)), echo.get(("netty", m))
        r1 = f'{float(js["rps"]) / float(up["rps"]):.2f}' if js and up else "-"
        r2 = f'{float(js["rps"]) / float(nt["rps"]):.2f}' if js and nt else "-"
        jn, ap = echo.get(("java-streams-native", m)), echo.get(("asyncio-protocol", m))
        r3 = f'{float(jn["rps"]) / float(up["rps"]):.2f}' if jn and up else "-"
        r4 = f'{float(jn["rps"]) / float(ap["rps"]):.2f}' if jn and ap else "-"
        ri = echo.get(("java-readinto", m))
        r5 = f'{float(ri["rps"]) / float(up["rps"]):.2f}' if ri and up else "-"
        r6 = f'{float(ri["rps"]) / float(ap["rps"]):.2f}' if ri and ap else "-"
        rn = echo.get(("java-readinto-native", m))
        r7 = f'{float(rn["rps"]) / float(up["rps"]):.2f}' if rn and up else "-"
        r8 = f'{float(rn["rps"]) / float(ap["rps"]):.2f}' if rn and ap else "-"
        print(f"| {int(m) // 1024} KiB | " + " | ".join(cells) + f" | {r1} | {r2} | {r3} | {r4} | {r5} | {r6} | {r7} | {r8} |")
    print("\nClient CPU busy over the measured seconds (1.00: the client itself is the limit):\n")
    print("| msize | " + " | ".join(impls) + " |")
    print("|---|" + "---:|" * len(impls))
    for m in ("1024", "10240", "102400"):
        print(f"| {int(m) // 1024} KiB | " + " | ".join(f'{float(echo[(i, m)]["client_busy"]):.2f}'
                                                   if "client_busy" in echo.get((i, m), {}) else "-" for i in impls) + " |")
web = medians("http_rps", ("http_rps", "cpu_us", "errors"))
if web:
    impls = [i for i in ("java-asyncio4j", "netty", "aiohttp-uvloop", "aiohttp-asyncio") if any(k[0] == i for k in web)]
    rounds = max(v["rounds"] for v in web.values())
    print(f"\nHTTP hello world, wrk -t1 -c100, requests per second (server CPU per request, us), median of {rounds} round(s):\n")
    print("| " + " | ".join(impls) + " | asyncio4j / aiohttp+uvloop | asyncio4j / netty |")
    print("|" + "---:|" * (len(impls) + 2))
    def wrow(i):
        return web.get((i, None))
    cells = [f'{float(wrow(i)["http_rps"]):,.0f} ({float(wrow(i)["cpu_us"]):.1f})'
             + (" (errors)" if float(wrow(i).get("errors", "0")) > 0 else "") for i in impls]
    def wrps(i):
        return float(wrow(i)["http_rps"]) if wrow(i) else None
    a, u, n = wrps("java-asyncio4j"), wrps("aiohttp-uvloop"), wrps("netty")
    ratios = [f"{a / u:.2f}" if a and u else "-", f"{a / n:.2f}" if a and n else "-"]
    print("| " + " | ".join(cells + ratios) + " |")
    if a and u:
        print(f"\n- asyncio4j is {a / u:.2f}x aiohttp.web+uvloop (target >= 2x): {'MET' if a / u >= 2 else 'MISSED'}")
    if a and n:
        print(f"- asyncio4j is {a / n:.2f}x Netty (target >= 0.8x): {'MET' if a / n >= 0.8 else 'MISSED'}")
logs = medians("log_rps", ("log_rps", "cpu_us"))
if ("asyncio4j-log-off", None) in logs:
    off = logs[("asyncio4j-log-off", None)]
    sinks = [(s, logs[("asyncio4j-log-" + s, None)]) for s in ("flush", "buffered", "direct") if ("asyncio4j-log-" + s, None) in logs]
    print(f"\nAccess log, HTTP hello world, wrk -t1 -c100, requests per second (server CPU per request, us), median of "
          f"{off['rounds']} round(s); on: JUL FileHandler (flush per line) / JUL StreamHandler over a 64 KiB buffer / "
          f"a System.Logger of its own over a 64 KiB buffer (no JUL):\n")
    print("| access log off | " + " | ".join(f"on, {s}" for s, _ in sinks) + " | " + " | ".join(f"{s} / off" for s, _ in sinks) + " |")
    print("|" + "---:|" * (1 + 2 * len(sinks)))
    a = float(off["log_rps"])
    print(f'| {a:,.0f} ({float(off["cpu_us"]):.1f}) | '
          + " | ".join(f'{float(m["log_rps"]):,.0f} ({float(m["cpu_us"]):.1f})' for _, m in sinks) + " | "
          + " | ".join(f'{float(m["log_rps"]) / a:.2f}' for _, m in sinks) + " |")
    for s, m in sinks:
        b = float(m["log_rps"])
        print(f"- access log on ({s}) costs {(1 - b / a) * 100:.1f}% of the throughput (target <= 10%): "
              f"{'MET' if b / a >= 0.9 else 'MISSED'}")
cl = {r["impl"]: r for r in rows if "best_rps" in r and "concurrency" in r}
if cl:
    order = [i for i in ("asyncio4j", "jdk", "aiohttp-uvloop", "aiohttp-asyncio") if i in cl]
    n = next(iter(cl.values()))["requests"]
    print(f"\nHTTP client, {int(n):,} GETs of a 1 KiB file from nginx at concurrency 100, requests per second after "
          "warm-up, median (best); cold: the first warm-up round:\n")
    print("| " + " | ".join(order) + " | asyncio4j / aiohttp+uvloop | asyncio4j / jdk |")
    print("|" + "---:|" * (len(order) + 2))
    def crps(i):
        return float(cl[i]["rps"]) if i in cl else None
    a, u, j = crps("asyncio4j"), crps("aiohttp-uvloop"), crps("jdk")
    cells = [f'{float(cl[i]["rps"]):,.0f} ({float(cl[i]["best_rps"]):,.0f}; cold {float(cl[i].get("cold_rps", 0)):,.0f})'
             for i in order]
    print("| " + " | ".join(cells + [f"{a / u:.2f}" if a and u else "-", f"{a / j:.2f}" if a and j else "-"]) + " |")
    if a and u:
        print(f"\n- asyncio4j is {a / u:.2f}x aiohttp+uvloop (target >= 4x): {'MET' if a / u >= 4 else 'MISSED'}")
    if a and j:
        print(f"- asyncio4j is {a / j:.2f}x the JDK's HttpClient (target >= 2x): {'MET' if a / j >= 2 else 'MISSED'}")
    if "cold_rps" in cl.get("asyncio4j", {}) and "cold_rps" in cl.get("aiohttp-uvloop", {}):
        print(f"- cold (first round, JIT still compiling): asyncio4j is "
              f'{float(cl["asyncio4j"]["cold_rps"]) / float(cl["aiohttp-uvloop"]["cold_rps"]):.2f}x aiohttp+uvloop')
mem = [r for r in rows if "bytes_per_task" in r]
if mem:
    print("\nMemory per parked task (1 pending Future, all tasks started):\n")
    print("| impl | tasks | bytes per task | method |")
    print("|---|---:|---:|---|")
    for r in mem:
        extra = ""
        if "min_bytes" in r:
            extra = f' (rounds {float(r["min_bytes"]):,.0f}-{float(r["max_bytes"]):,.0f}; live objects {float(r["live_bytes_per_task"]):,.0f})'
            how = "median of rounds, " + r["method"]
        else:
            how = r["method"]
        print(f'| {r["impl"]} | {int(r["tasks"]):,} | {float(r["bytes_per_task"]):,.0f}{extra} | {how} |')
    for r in mem:
        if r["impl"] == "java-fast":
            b = float(r["bytes_per_task"])
            print(f"\n- java-fast: {b:,.0f} heap bytes per parked task (target <= 768): {'MET' if b <= 768 else 'MISSED'}")
PYEOF
if [ "${SKIP_STARTUP:-0}" != 1 ]; then
  echo
  echo "== start-up (bench/startup.sh)"
  PYTHON="$PY" bash bench/startup.sh "$OUT/startup-results.txt" 2>&1 | tee "$OUT/startup.log" | grep -v '^RESULT' || true
fi
echo
echo "logs: $OUT"
