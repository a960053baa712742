#!/usr/bin/env bash
# Sends one test call to the recorder as a Genesys Media Server would (intake shape A): two recording
# sessions, one per party, each with its own tone: the recorded agent (DN 1001) at 440 Hz, the customer
# (DN 5551234) at 1000 Hz. Needs SIPp (Debian package sip-tester) and Java 17.
#
#   tools/sipp/shape-a-call.sh [-r host:port] [-c calluuid] [-s seconds] [-w workdir]
#
# Exit status 0 when both sessions were answered, streamed and ended with 200 OK.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
recorder=127.0.0.1:5060
calluuid=SIPP$(date +%s%N | cut -c1-16)
seconds=5
work=$(mktemp -d)
while getopts "r:c:s:w:" opt; do
  case $opt in
    r) recorder=$OPTARG ;;
    c) calluuid=$OPTARG ;;
    s) seconds=$OPTARG ;;
    w) work=$OPTARG; mkdir -p "$work" ;;
    *) sed -n '2,8p' "$0"; exit 2 ;;
  esac
done
command -v sipp >/dev/null || { echo "sipp not found: apt-get install sip-tester" >&2; exit 2; }

java "$here/ToneFile.java" 440 "$seconds" "$work/agent-440.ulaw"
java "$here/ToneFile.java" 1000 "$seconds" "$work/customer-1000.ulaw"
holdms=$(( seconds * 1000 + 300 ))
printf 'SEQUENTIAL\n%s;rec-%s;\n' "$calluuid" "$calluuid" >"$work/call.csv"

party() { # name dn sip-port media-port tone
  # SIPp 3.6 expands -key keywords only in message text, not in attributes (rtp_stream, pause): each
  # party gets a copy of the scenario with its tone file and streaming time written in.
  sed -e "s#\[tone\]#$5#" -e "s#\[holdms\]#$holdms#" "$here/shape-a-party.xml" >"$work/$1.xml"
  sipp "$recorder" -sf "$work/$1.xml" -inf "$work/call.csv" -m 1 -l 1 -r 1 -nostdin -timeout 60s \
    -i 127.0.0.1 -p "$3" -mi 127.0.0.1 -mp "$4" \
    -key dn "$2" -key recorddn 1001 \
    -trace_err -error_file "$work/$1-errors.log" >"$work/$1.out" 2>&1
}

echo "call $calluuid to $recorder, $seconds s per party; SIPp logs in $work"
party agent 1001 25070 36000 "$work/agent-440.ulaw" & agent=$!
party customer 5551234 25072 36010 "$work/customer-1000.ulaw" & customer=$!
status=0
wait $agent || { echo "agent session failed (see $work/agent.out)" >&2; status=1; }
wait $customer || { echo "customer session failed (see $work/customer.out)" >&2; status=1; }
[ $status -eq 0 ] && echo "both sessions completed; the recording of call $calluuid is in GET /api/recordings"
exit $status
