#!/usr/bin/env bash
# perf over the anchors' Java floor (FloorNio.java, one socket per stream under a Selector), fed by their C sender
# (rtpblast), over the same 12 s window as tools/perf/ab-run.sh's PROFILE=1 (seconds 4-16 of a 20 s run), so that
# tools/perf/cpu-compare.py can set the server's profile beside it (series BC):
#
#   tools/perf/floor-perf.sh CALLS OUTDIR        # e.g. 1000 /tmp/fp1 -> /tmp/fp1/perf.txt, recv.txt, send.txt
#
# BENCH is the anchors' folder (default /work/shared/bench); their run.sh builds rtpblast into /tmp/bench-build
# (built here if missing). Streams on 127.0.0.1:20000 + 2i, as run.sh puts them. Ends only what it started.
set -u
CALLS=${1:?calls}; D=${2:?output folder}; N=$((CALLS * 2))
BENCH=${BENCH:-/work/shared/bench}; B=/tmp/bench-build; REC=/tmp/floor-perf-rec
mkdir -p "$D" "$B"; rm -rf "$REC"
[ -x "$B/rtpblast" ] || gcc -O2 -Wall -o "$B/rtpblast" "$BENCH/rtpblast.c" -lm || exit 1
java "$BENCH/FloorNio.java" $N 20000 "$REC" 2 110 > "$D/recv.txt" 2> "$D/recv.err" & RPID=$!
for _ in $(seq 1 300); do grep -q ready "$D/recv.err" && break; sleep 0.1; done
"$B/rtpblast" $N 20000 20 > "$D/send.txt" & SPID=$!
sleep 4
perf record -g -F 499 -p $RPID -o "$D/perf.data" -- sleep 12 > "$D/perf.out" 2>&1
jcmd $RPID Compiler.perfmap > /dev/null 2>&1
wait $SPID; wait $RPID
perf script -i "$D/perf.data" -F comm,tid,ip,sym > "$D/perf.txt" 2>/dev/null
rm -rf "$REC"
cat "$D/recv.txt" "$D/send.txt"
