#!/bin/bash
# A recorder stopped for 3 s (SIGSTOP) while the host's UDP memory is held low, so that the kernel drops at its RTP
# sockets for want of UDP memory (docs/performance.md, series BB): what the recordings and their drop counts say.
#
#   tools/perf/udp-pressure-stop.sh NAME EAR [STOP_AT]
#
# Starts the README's server on a fresh folder with EAR (tools/perf/server.sh), lowers net.ipv4.udp_mem to 3,000
# pages, plays 100 calls of 30 s with the load tool, and STOP_AT seconds after the load tool starts (default 14:
# mid-call; 32: as the calls end) stops the server for 3 s. One second before, it makes one counted drop on a socket
# of its own, so that the server's drop watch has just read the tables (the case where a watch trusting the host's
# counters misses the drops). udp_mem is put back afterwards, and the server stopped by its PID. Needs root (udp_mem),
# python3, and the load tool built. Output in /tmp/udp-pressure/NAME: run.txt (the load tool's summary), server.out,
# stop.txt (the host's UDP memory while stopped).
set -u
cd "$(dirname "$0")/../.."
NAME=$1 EAR=$2 STOP_AT=${3:-14}
. tools/perf/server.sh
D=/tmp/udp-pressure/$NAME; rm -rf "$D"; mkdir -p "$D"
fresh_server "$EAR"
$S/bin/standalone.sh > "$D/server.out" 2>&1 &
JP=$(await_server)
OLD=$(cat /proc/sys/net/ipv4/udp_mem)
restore() { echo "$OLD" > /proc/sys/net/ipv4/udp_mem; }
trap restore EXIT
echo "3000 4000 5000" > /proc/sys/net/ipv4/udp_mem
(
  sleep $((STOP_AT - 3))
  python3 - <<'PY'
import socket
receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
receiver.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
receiver.bind(("127.0.0.1", 0))
sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(100):
    sender.sendto(b"x" * 172, receiver.getsockname())
PY
  sleep 3
  kill -STOP "$JP"
  for _ in 1 2 3 4 5 6; do sleep 0.5; grep UDP: /proc/net/sockstat; done
  kill -CONT "$JP"
) > "$D/stop.txt" 2>&1 &
java -jar recorder-load/target/recorder-load.jar --password-file $S/standalone/data/recorder/initial-admin-password \
  --calls 100 --rate 20 --call-seconds 30 --label "$NAME" > "$D/run.txt" 2>&1
restore
kill "$JP"
for _ in $(seq 1 30); do kill -0 "$JP" 2>/dev/null || break; sleep 1; done
sed -n '/^packets/p;/^kernel UDP/p;/^recordings/p;/^PASS/p;/^FAIL/p' "$D/run.txt"
grep -c "drops without counting" "$D/server.out" | sed 's/^/server logged uncounted drops: /'
