#!/usr/bin/env bash
# Sends one recording session for both parties of a call to the recorder, as a Genesys Media Server does:
# one INVITE, dn=1001 (the recorded agent, first audio line) and otherDN=5551234 (the customer, second
# line), and 440 Hz on the agent's line (SIPp streams RTP to the first audio line only). Needs SIPp
# (Debian package sip-tester) and Java 17.
#
#   tools/sipp/both-parties-call.sh [-r host:port] [-c calluuid] [-s seconds] [-w workdir]
#
# Exit status 0 when the session was answered with both lines, streamed and ended with 200 OK.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
recorder=127.0.0.1:5060
calluuid=SIPPBOTH$(date +%s%N | cut -c1-16)
seconds=5
work=$(mktemp -d)
while getopts "r:c:s:w:" opt; do
  case $opt in
    r) recorder=$OPTARG ;;
    c) calluuid=$OPTARG ;;
    s) seconds=$OPTARG ;;
    w) work=$OPTARG; mkdir -p "$work" ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done
command -v sipp >/dev/null || { echo "sipp not found: apt-get install sip-tester" >&2; exit 2; }

java "$here/ToneFile.java" 440 "$seconds" "$work/agent-440.ulaw"
holdms=$(( seconds * 1000 + 300 ))
printf 'SEQUENTIAL\n%s;rec-%s;\n' "$calluuid" "$calluuid" >"$work/call.csv"
sed -e "s#\[tone\]#$work/agent-440.ulaw#" -e "s#\[holdms\]#$holdms#" "$here/both-parties-session.xml" \
  >"$work/both-parties.xml"

echo "call $calluuid to $recorder, $seconds s; SIPp logs in $work"
if sipp "$recorder" -sf "$work/both-parties.xml" -inf "$work/call.csv" -m 1 -l 1 -r 1 -nostdin -timeout 60s \
    -i 127.0.0.1 -p 25074 -mi 127.0.0.1 -mp 36020 \
    -key dn 1001 -key otherdn 5551234 -key recorddn 1001 \
    -trace_err -error_file "$work/both-parties-errors.log" >"$work/both-parties.out" 2>&1; then
  echo "session completed; the recording of call $calluuid is in GET /api/recordings"
else
  echo "session failed (see $work/both-parties.out and $work/both-parties-errors.log)" >&2
  exit 1
fi
