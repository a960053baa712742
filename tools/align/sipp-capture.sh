#!/usr/bin/env bash
# The burst test (tools/burst/burst-test.sh, SIPp) with its RTP captured on lo, and the recorder's alignment measured
# against the capture: SIPp's own send times are unknown, the kernel's capture of its packets is not (see README.md
# here). Needs the server running (the README's run command), SIPp, tcpdump (apt-get install tcpdump; run as root)
# and python3.
#
#   tools/align/sipp-capture.sh [-n calls (1000)] [-s seconds per party (20)] [-t seconds to start them over (10)]
#                               [-w workdir] [-p admin-password-file]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
calls=1000
seconds=20
ramp=10
work=""
password_file=$root/wildfly-config/target/server/standalone/data/recorder/initial-admin-password
while getopts "n:s:t:w:p:" opt; do
  case $opt in
    n) calls=$OPTARG ;;
    s) seconds=$OPTARG ;;
    t) ramp=$OPTARG ;;
    w) work=$OPTARG ;;
    p) password_file=$OPTARG ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done
command -v tcpdump >/dev/null || { echo "tcpdump not found: apt-get install tcpdump" >&2; exit 2; }
work=${work:-$(mktemp -d)}
mkdir -p "$work"
prefix=SIPPCAP$(date +%s)

tcpdump -i lo -s 80 -B 262144 -w "$work/rtp.pcap" 'udp and dst portrange 20000-29999' 2>"$work/tcpdump.log" &
capture=$!
trap 'kill -INT $capture 2>/dev/null || true' EXIT
sleep 2
status=0
"$root/tools/burst/burst-test.sh" -n "$calls" -s "$seconds" -t "$ramp" -c "$prefix" -p "$password_file" \
  -w "$work/burst" || status=$?
kill -INT $capture
wait $capture || true
trap - EXIT
tail -3 "$work/tcpdump.log"

# every recording, one page (JSON array) per line; capture-truth.py keeps this run's calls by their prefix
password=$(cat "$password_file")
: >"$work/recordings.jsonl"
for ((offset = 0; ; offset += 500)); do
  page=$(curl -sf -u "admin:$password" "http://127.0.0.1:8080/api/recordings?offset=$offset&limit=500")
  echo "$page" >>"$work/recordings.jsonl"
  [ "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$page")" -lt 500 ] && break
done
python3 "$here/capture-truth.py" "$work/rtp.pcap" "$work/recordings.jsonl" "$prefix"
exit $status
