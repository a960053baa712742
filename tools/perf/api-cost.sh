#!/bin/bash
# Series AJ (docs/performance.md): the server's CPU per API answer. Starts the README's server with the EAR given on a
# fresh data folder, records 100 calls of 3 s with the load tool, logs in once with the form, then GETs
# /api/recordings?limit=10 2,000 times to warm up and three batches of 2,000 timed, on one kept-alive connection, and
# prints utime + stime of the server over each batch. Run from the repository's root with the server built and nothing
# else on its ports; it deletes the server's data folder first and stops the server (by its PID) after.
#
#   tools/perf/api-cost.sh A1 /tmp/before.ear; tools/perf/api-cost.sh B1 recorder-ear/target/recorder.ear
set -u
HERE=$(dirname "$0")
. "$HERE/server.sh"
L=$1 EAR=$2 D=${OUT:-/tmp/api-cost}/$1
rm -rf "$D"; mkdir -p "$D"
fresh_server "$EAR"
$S/bin/standalone.sh > "$D/server.out" 2>&1 &
JPID=$(await_server)
PW=$S/standalone/data/recorder/initial-admin-password
java -jar recorder-load/target/recorder-load.jar --password-file $PW --calls 100 --rate 20 --call-seconds 3 \
  --no-wav-check > "$D/load.txt" 2>&1
curl -s -c "$D/jar" -o /dev/null --data-urlencode "j_username=admin" --data-urlencode "j_password=$(cat $PW)" \
  http://127.0.0.1:8080/j_security_check
"$HERE/api-get.py" "$D/jar" 2000 > "$D/warm.txt"
ticks() { awk '{print $14 + $15}' /proc/$JPID/stat; }
for r in 1 2 3; do
  t0=$(ticks); s0=$(date +%s.%N)
  answers=$("$HERE/api-get.py" "$D/jar" 2000)
  t1=$(ticks); s1=$(date +%s.%N)
  echo "$L batch $r: $answers; server CPU $(echo "($t1 - $t0) / $(getconf CLK_TCK) / 2" | bc -l | cut -c1-5) ms per answer," \
    "wall $(echo "$s1 - $s0" | bc -l | cut -c1-5) s for 2000"
done
kill $JPID; sleep 8
