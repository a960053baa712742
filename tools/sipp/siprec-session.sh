#!/usr/bin/env bash
# Sends one SIPREC session (RFC 7866) to the recorder, as a Session Recording Client does: one INVITE with
# Require: siprec, +sip.src and a multipart body of SDP (two labelled lines) and RFC 7865 metadata whose
# recorded party, DN 1001, sends the SECOND line; the answer is checked (labels, recvonly, +sip.srs,
# Require: siprec). SIPp streams 1000 Hz to the first line only: the other party's, DN 5551234, which the
# recording puts on the right. Needs SIPp (Debian package sip-tester) and Java 17.
#
#   tools/sipp/siprec-session.sh [-r host:port] [-i session-id-base64] [-s seconds] [-w workdir]
#
# Prints the recording's CallUUID (the session id's UUID). Exit status 0 when the session was answered as an
# SRS answers, streamed and ended with 200 OK.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
recorder=127.0.0.1:5060
session=$(head -c 16 /dev/urandom | base64)
seconds=5
work=$(mktemp -d)
while getopts "r:i:s:w:" opt; do
  case $opt in
    r) recorder=$OPTARG ;;
    i) session=$OPTARG ;;
    s) seconds=$OPTARG ;;
    w) work=$OPTARG; mkdir -p "$work" ;;
    *) sed -n '2,11p' "$0"; exit 2 ;;
  esac
done
command -v sipp >/dev/null || { echo "sipp not found: apt-get install sip-tester" >&2; exit 2; }

java "$here/ToneFile.java" 1000 "$seconds" "$work/other-1000.ulaw"
holdms=$(( seconds * 1000 + 300 ))
printf 'SEQUENTIAL\n%s;\n' "$session" >"$work/session.csv"
sed -e "s#\[tone\]#$work/other-1000.ulaw#" -e "s#\[holdms\]#$holdms#" "$here/siprec-session.xml" \
  >"$work/siprec-session.xml"
calluuid=$(printf '%s' "$session" | base64 -d | od -An -tx1 | tr -d ' \n' \
  | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12})$/\1-\2-\3-\4-\5/')

echo "SIPREC session $session (call $calluuid) to $recorder, $seconds s; SIPp logs in $work"
if sipp "$recorder" -sf "$work/siprec-session.xml" -inf "$work/session.csv" -m 1 -l 1 -r 1 -nostdin -timeout 60s \
    -i 127.0.0.1 -p 25076 -mi 127.0.0.1 -mp 36040 \
    -key recorded 1001 -key other 5551234 \
    -trace_err -error_file "$work/siprec-errors.log" >"$work/siprec-session.out" 2>&1; then
  echo "session completed; the recording of call $calluuid is in GET /api/recordings"
else
  echo "session failed (see $work/siprec-session.out and $work/siprec-errors.log)" >&2
  exit 1
fi
