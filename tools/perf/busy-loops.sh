#!/bin/bash
# Starts N busy loops (default 3) beside the server, to reproduce an overbooked machine (series W, AB in
# docs/performance.md), and prints their PIDs, one per line; end them with: kill $(cat pids-file).
#
#   tools/perf/busy-loops.sh 6 > /tmp/busy.pids; tools/perf/ab-run.sh "N2:recorder-ear/target/recorder.ear:"; kill $(cat /tmp/busy.pids)
N=${1:-3}
for i in $(seq 1 "$N"); do
  ( while :; do :; done ) > /dev/null 2>&1 &
  echo $!
done
