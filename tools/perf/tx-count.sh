#!/bin/bash
# Series BL (docs/performance.md): the transactions the server commits per call. Starts the README's server with the
# EAR given on a fresh data folder, turns on the transactions subsystem's statistics (jboss-cli), plays the load tool's
# calls (default 200 calls of 10 s at 50 a second, long enough for every stream's first sample to settle; LOAD
# replaces the options) and prints the commits over the run, its seconds and the commits of the 30 s idle after it
# (the sweeps' and the outbox relay's polls), then stops the server by its PID. Run from the repository's root with
# the server built and nothing else on its ports; it deletes the server's data folder first.
#
#   tools/perf/tx-count.sh A1 /tmp/before.ear; tools/perf/tx-count.sh B1 recorder-ear/target/recorder.ear
#
# Commits a call = (commits - idle * seconds / 30) / calls. The load tool's own reads (its look-up of each call's
# recording through the API) are among them.
set -u
HERE=$(dirname "$0")
. "$HERE/server.sh"
L=$1 EAR=$2 D=${OUT:-/tmp/tx-count}/$1
LOAD=${LOAD:---calls 200 --rate 50 --call-seconds 10 --no-wav-check}
rm -rf "$D"; mkdir -p "$D"
fresh_server "$EAR"
$S/bin/standalone.sh > "$D/server.out" 2>&1 &
JPID=$(await_server)
PW=$S/standalone/data/recorder/initial-admin-password
cli() { $S/bin/jboss-cli.sh --connect --commands="$1" 2>/dev/null; }
commits() { cli "/subsystem=transactions:read-attribute(name=number-of-committed-transactions)" | grep result | tr -dc 0-9; }
cli "/subsystem=transactions:write-attribute(name=statistics-enabled,value=true)" > /dev/null
sleep 2
c0=$(commits); s0=$(date +%s)
java -jar recorder-load/target/recorder-load.jar --password-file $PW $LOAD --label "$L" > "$D/load.txt" 2>&1
sleep 5
c1=$(commits); s1=$(date +%s)
sleep 30
c2=$(commits)
echo "$L: $((c1 - c0)) commits in $((s1 - s0)) s; $((c2 - c1)) in the 30 s idle after;" \
  "$(grep -o 'recordings: {[^}]*}' "$D/load.txt" | tail -1)"
kill "$JPID"
while kill -0 "$JPID" 2>/dev/null; do sleep 1; done
