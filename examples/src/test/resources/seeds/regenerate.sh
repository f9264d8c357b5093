#!/usr/bin/env bash
# Regenerates every NAME.out: CPython's stdout for NAME.py under the virtual clock (see virtual_clock.py).
cd "$(dirname "$0")"
for p in [A-Z]*.py; do
  /usr/bin/python3 -W ignore virtual_clock.py "$p" > "${p%.py}.out" 2>"${p%.py}.err" || echo "$p: exit $?" >&2
  [ -s "${p%.py}.err" ] || rm -f "${p%.py}.err"
done
