#!/usr/bin/env bash
# Issue 18's stability measure: N consecutive `npm test` runs in a fresh clone of HEAD, every
# second one beside a CPU-bound process using one core. One line per run in <out>/runs.txt
# (exit code, whether the hog ran, seconds, the run's last line); each run's output in <out>/runN.log.
#   scripts/repeat-tests.sh [N=10] [out=/tmp/repeat-tests]
set -uo pipefail
n=${1:-10}
out=${2:-/tmp/repeat-tests}
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out" && mkdir -p "$out"
git clone -q "$root" "$out/clone" || exit 1
cd "$out/clone" || exit 1
for i in $(seq 1 "$n"); do
  hog=""
  if [ $((i % 2)) -eq 0 ]; then node -e 'for(;;){}' & hog=$!; fi
  s=$(date +%s)
  npm test > "$out/run$i.log" 2>&1
  rc=$?
  e=$(date +%s)
  [ -n "$hog" ] && kill "$hog"
  echo "run $i rc=$rc hog=${hog:+yes} secs=$((e - s)) $(sed 's/\x1b\[[0-9;]*m//g' "$out/run$i.log" | tail -1)" >> "$out/runs.txt"
done
cat "$out/runs.txt"
