#!/usr/bin/env bash
# Start-up benchmark (issue 16): whole processes, from their start to their exit (a server: to its first 200),
# median of STARTUP_ROUNDS, with the peak RSS; CPython and aiohttp measured in the same run.
#   (a) hello: bench/startup/Hello.java (a loop, sleep(0.01), one line) vs hello.py
#   (b) get:   bench/startup/Get.java (one GET with a ClientSession from a local nginx) vs get.py (aiohttp)
#   (c) serve: bench/startup/Serve.java (process start to the first 200 on GET /) vs serve.py (aiohttp.web)
# asyncio4j runs three ways: `java File.java` with the README's flags (the JDK's source-file mode), `./asyncio4j run`
# without its AOT cache (ASYNCIO4J_AOT=0) and `./asyncio4j run` with it (trained by the warm-up run).
#
#   bench/startup.sh [RESULTS_FILE]   prints the table; RESULT lines are appended to RESULTS_FILE if given
#
# Knobs: STARTUP_ROUNDS [7], STARTUP_WARMUP [2], PYTHON [/usr/bin/python3, else python3]. Needs nginx for (b)
# (/usr/sbin/nginx; skipped without it) and aiohttp for the Python side of (b) and (c). Timing is done by
# bench/python/startup_time.py (monotonic clock, wait4's peak RSS): no other tool needed.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nginx.sh
ROOT="$PWD"
die() { echo "startup: $*" >&2; exit 1; }

if [ -n "${PYTHON:-}" ]; then PY="$PYTHON"
elif [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3
else PY="$(command -v python3)" || die "no python3 found"; fi
ROUNDS="${STARTUP_ROUNDS:-7}"; WARMUP="${STARTUP_WARMUP:-2}"
RESULTS="${1:-$(mktemp)}"
HAVE_AIOHTTP=0; "$PY" -c 'import aiohttp' 2>/dev/null && HAVE_AIOHTTP=1

# The library (built by the launcher when stale) and the JDK the launcher picks, for the plain `java File.java` rows.
./asyncio4j run bench/startup/Hello.java > /dev/null
JAVA="$(sed -n 's/^JAVA_HOME=//p' <(bash -c 'source <(sed -n "/^find_jdk25()/,/^}/p" ./asyncio4j); echo "JAVA_HOME=$(find_jdk25)"'))/bin/java"
LIBCP="$ROOT/brotli/target/asyncio4j-brotli-$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n1).jar:$(cat brotli/target/runtime-classpath.txt)"
README_FLAGS=(--add-opens java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED)

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
measure() { # LABEL MODE [PORT] -- CMD...
  "$PY" bench/python/startup_time.py "$1" "$ROUNDS" "$WARMUP" "${@:2}" | tee -a "$RESULTS"
}
# Each program's AOT cache is made again by a training run of this benchmark's own, not timed; the launcher writes
# the cache once that run has ended, in the background: wait for it before the timed runs.
fresh_cache() { # NAME MODE [PORT] -- CMD...
  local name="$1" _; shift
  rm -f "target/aot/run-$name-"*.aot
  "$PY" bench/python/startup_time.py "$name-training" 1 0 "$@" > /dev/null
  for _ in $(seq 600); do
    ls "target/aot/run-$name-"*.aot > /dev/null 2>&1 && ! ls "target/aot/run-$name-"*.aotconf > /dev/null 2>&1 && return
    sleep 0.1
  done
}

# (a) hello
measure hello-java-source run -- "$JAVA" "${README_FLAGS[@]}" -cp "$LIBCP" bench/startup/Hello.java
ASYNCIO4J_AOT=0 measure hello-launcher-noaot run -- ./asyncio4j run bench/startup/Hello.java
fresh_cache Hello run -- ./asyncio4j run bench/startup/Hello.java
measure hello-launcher-aot run -- ./asyncio4j run bench/startup/Hello.java
measure hello-cpython run -- "$PY" bench/startup/hello.py

# (b) one GET from nginx (bench/nginx.sh, as for the client benchmark of bench/run-side-by-side.sh)
if [ -x /usr/sbin/nginx ]; then
  nginx_start /dev/null
  trap nginx_stop EXIT
  URL="$NGX_URL"
  measure get-java-source run -- "$JAVA" "${README_FLAGS[@]}" -cp "$LIBCP" bench/startup/Get.java "$URL"
  ASYNCIO4J_AOT=0 measure get-launcher-noaot run -- ./asyncio4j run bench/startup/Get.java "$URL"
  fresh_cache Get run -- ./asyncio4j run bench/startup/Get.java "$URL"
  measure get-launcher-aot run -- ./asyncio4j run bench/startup/Get.java "$URL"
  [ $HAVE_AIOHTTP = 1 ] && measure get-aiohttp run -- "$PY" bench/startup/get.py "$URL"
  nginx_stop; trap - EXIT
else
  echo "startup: /usr/sbin/nginx is missing: skipping the GET benchmark" >&2
fi

# (c) server: process start to the first 200
P="$(free_port)"
measure serve-java-source server "$P" -- "$JAVA" "${README_FLAGS[@]}" -cp "$LIBCP" bench/startup/Serve.java "$P"
ASYNCIO4J_AOT=0 measure serve-launcher-noaot server "$P" -- ./asyncio4j run bench/startup/Serve.java "$P"
fresh_cache Serve server "$P" -- ./asyncio4j run bench/startup/Serve.java "$P"
measure serve-launcher-aot server "$P" -- ./asyncio4j run bench/startup/Serve.java "$P"
[ $HAVE_AIOHTTP = 1 ] && measure serve-aiohttp server "$P" -- "$PY" bench/startup/serve.py "$P"

"$PY" - "$RESULTS" <<'PYEOF'
import sys
rows = {}
for line in open(sys.argv[1]):
    if line.startswith("RESULT startup="):
        kv = dict(p.split("=", 1) for p in line.split()[1:])
        rows[kv["startup"]] = kv
print("\nStart-up, whole process, median ms (min-max) and peak RSS MiB:\n")
print("| program | java File.java (README flags) | ./asyncio4j run, no AOT cache | ./asyncio4j run, AOT cache | CPython / aiohttp | AOT cache / CPython |")
print("|---|---:|---:|---:|---:|---:|")
def cell(r):
    return f'{float(r["median_ms"]):.0f} ({float(r["min_ms"]):.0f}-{float(r["max_ms"]):.0f}), {float(r["rss_mib"]):.0f} MiB' if r else "-"
targets = {"hello": ("hello-cpython", 1.0), "get": ("get-aiohttp", 1.2), "serve": ("serve-aiohttp", 1.2)}
names = {"hello": "hello: sleep(0.01), print", "get": "one GET from nginx", "serve": "server: start to first 200"}
for p, (py, target) in targets.items():
    src, no, aot, cp = (rows.get(f"{p}-java-source"), rows.get(f"{p}-launcher-noaot"), rows.get(f"{p}-launcher-aot"), rows.get(py))
    ratio = f'{float(aot["median_ms"]) / float(cp["median_ms"]):.2f}' if aot and cp else "-"
    print(f"| {names[p]} | {cell(src)} | {cell(no)} | {cell(aot)} | {cell(cp)} | {ratio} |")
print("\nTargets (issue 16):")
for p, (py, target) in targets.items():
    aot, cp = rows.get(f"{p}-launcher-aot"), rows.get(py)
    if aot and cp:
        r = float(aot["median_ms"]) / float(cp["median_ms"])
        print(f"- {p}: with the AOT cache {r:.2f}x {py.split('-')[1]} (target <= {target}x): {'MET' if r <= target else 'MISSED'}")
h, c = rows.get("hello-launcher-aot"), rows.get("hello-cpython")
if h and c:
    r = float(h["rss_mib"]) / float(c["rss_mib"])
    print(f"- hello peak RSS: {r:.2f}x CPython's (target <= 2x): {'MET' if r <= 2 else 'MISSED'}")
PYEOF
