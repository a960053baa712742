#!/usr/bin/env bash
# Repeats the burst test against a running recorder (the README's run command, default ports): N two-party
# calls played by SIPp as the Media Server (intake shape A), started over a few seconds so that they all end
# within those few seconds too, each party streaming S seconds of tone (the agent, DN 1001, 440 Hz; the
# customer, DN 5551234, 1000 Hz). Then it checks through the REST API that every call's recording is
# COMPLETED, that each party's stream holds all the audio it was sent, and that the recording lasts exactly
# from the first party's first sample to the last party's last one. Needs SIPp (apt-get install sip-tester)
# and Java 17.
#
#   tools/burst/burst-test.sh [-n calls] [-s seconds] [-t ramp-seconds] [-r sip-host:port]
#                             [-a http://host:port] [-p admin-password-file] [-c calluuid-prefix] [-w workdir]
#
# Defaults: -n 300 -s 10 -t 3 -r 127.0.0.1:5060 -a http://127.0.0.1:8080
#           -p wildfly-config/target/server/standalone/data/recorder/initial-admin-password
# Exit status 0 when every call passed; the summary says what did not.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
calls=300
seconds=10
ramp=3
recorder=127.0.0.1:5060
api=http://127.0.0.1:8080
password_file=$root/wildfly-config/target/server/standalone/data/recorder/initial-admin-password
prefix=BURST$(date +%s)
work=""
while getopts "n:s:t:r:a:p:c:w:" opt; do
  case $opt in
    n) calls=$OPTARG ;;
    s) seconds=$OPTARG ;;
    t) ramp=$OPTARG ;;
    r) recorder=$OPTARG ;;
    a) api=$OPTARG ;;
    p) password_file=$OPTARG ;;
    c) prefix=$OPTARG ;;
    w) work=$OPTARG ;;
    *) sed -n '2,15p' "$0"; exit 2 ;;
  esac
done
command -v sipp >/dev/null || { echo "sipp not found: apt-get install sip-tester" >&2; exit 2; }
[ -r "$password_file" ] || { echo "no admin password file $password_file (is the server running? see -p)" >&2; exit 2; }
work=${work:-$(mktemp -d)}
mkdir -p "$work"

# One line per call, read in order by both SIPp processes: call i of the agent and of the customer is one call.
{ echo SEQUENTIAL; for i in $(seq -w 1 "$calls"); do echo "$prefix-$i;rec-$prefix-$i;"; done; } >"$work/calls.csv"
java "$here/../sipp/ToneFile.java" 440 "$seconds" "$work/agent-440.ulaw"
java "$here/../sipp/ToneFile.java" 1000 "$seconds" "$work/customer-1000.ulaw"
holdms=$(( seconds * 1000 + 300 ))
rate=$(( (calls + ramp - 1) / ramp ))
media_base=$(( 40000 + 20 * (RANDOM % 1000) ))

party() { # name dn media-port tone
  sed -e "s#\[tone\]#$4#" -e "s#\[holdms\]#$holdms#" "$here/../sipp/shape-a-party.xml" >"$work/$1.xml"
  sipp "$recorder" -sf "$work/$1.xml" -inf "$work/calls.csv" -m "$calls" -l "$calls" -r "$rate" -rp 1000 \
    -nostdin -timeout "$(( ramp + seconds + 90 ))s" -timeout_error \
    -i 127.0.0.1 -mi 127.0.0.1 -mp "$3" -key dn "$2" -key recorddn 1001 \
    -trace_err -error_file "$work/$1-errors.log" -trace_stat -stf "$work/$1-stats.csv" -fd 1 \
    >"$work/$1.out" 2>&1
}

successful() { # stats file: the last SuccessfulCall(C) and FailedCall(C)
  awk -F';' 'NR==1 { for (i = 1; i <= NF; i++) { if ($i == "SuccessfulCall(C)") s = i; if ($i == "FailedCall(C)") f = i } }
             END { printf "%s successful, %s failed", $s, $f }' "$1"
}

echo "burst: $calls calls of $seconds s per party to $recorder, started over $ramp s ($rate/s); logs in $work"
started=$(date +%s)
party agent 1001 "$media_base" "$work/agent-440.ulaw" & agent=$!
party customer 5551234 "$(( media_base + 10 ))" "$work/customer-1000.ulaw" & customer=$!
status=0
wait $agent || { echo "agent SIPp reported failed calls (see $work/agent.out, $work/agent-errors.log)" >&2; status=1; }
wait $customer || { echo "customer SIPp reported failed calls (see $work/customer.out)" >&2; status=1; }
echo "SIPp done after $(( $(date +%s) - started )) s: agent $(successful "$work/agent-stats.csv")," \
     "customer $(successful "$work/customer-stats.csv")"

java "$here/BurstCheck.java" "$api" "$password_file" "$work/calls.csv" "$seconds" 120 || status=1
exit $status
