#!/usr/bin/env bash
# run.sh - issue 14's question "would one shared RTP port (demultiplexed by SSRC, read in batches) reach the CPU
# target?", measured with the anchors' sender and method (/work/shared/bench: rtpblast, benchlib.py, run.sh).
#
# Variants, run back to back in one series (2 PCMU streams per call, 50 pkt/s per stream, 172-byte datagrams):
#   floor     the C floor, floor_recvmmsg.c: one socket per stream, epoll + recvmmsg (anchor)
#   java      FloorNio.java: one socket per stream, one Selector, one receive() per packet (anchor)
#   nio       SharedPortReceiver nio: ONE socket for every stream, blocking receive(), SSRC demux, same file writes
#   epoll     SharedPortReceiver epoll: ONE socket, Netty native epoll, recvmmsg up to BATCH, same demux and writes
#   pipeline  SharedPortReceiver pipeline: as nio, each packet through the recorder's StreamPipeline into its WavFile
#   groups    SharedPortReceiver groups: PER_PORT streams on each port from SHARED up (every second port), one
#             Selector, each ready socket read until empty (series BC); label groups<PER_PORT>
# Per-stream variants get stream i on 127.0.0.1:BASE+2i; shared variants get every stream on 127.0.0.1:SHARED
# (rtpblast -f with the one port listed N times). CPU: benchlib.py, utime+stime of the receiver's threads over
# s 4..SECS-4 of each run. Drops: the receiver's own sockets' drop counters (/proc/net/udp and udp6) at s 4 and
# after the send, and Udp RcvbufErrors of /proc/net/snmp (machine-wide) across the send.
#
# env knobs: SECS (20)  CALLS_LIST ("1000")  VARIANTS ("floor java nio epoll pipeline")  SERIES (2)
#            FIRST_SERIES (1: the number of the first series, for a later series' labels)  BATCH (64)  PER_PORT (32)  RES (results jsonl)  ANCHORS (/work/shared/bench)  JAR (../target/recorder-bench.jar)
# Needs: gcc, python3, java 17, recorder-bench built (mvn -B -o -pl recorder-bench -am package -DskipTests).
# Writes only under /tmp (build /tmp/shared-port-build, logs /tmp/shared-port-logs, recordings
# /tmp/shared-port-rec-*, removed after each run); ends only the processes it started.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ANCHORS=${ANCHORS:-/work/shared/bench}
JAR=${JAR:-$HERE/../target/recorder-bench.jar}
B=/tmp/shared-port-build
LOGS=/tmp/shared-port-logs
SECS=${SECS:-20}
CALLS_LIST=${CALLS_LIST:-1000}
VARIANTS=${VARIANTS:-"floor java nio epoll pipeline"}
SERIES=${SERIES:-2}
FIRST_SERIES=${FIRST_SERIES:-1}
BATCH=${BATCH:-64}
PER_PORT=${PER_PORT:-32}
RES=${RES:-/tmp/shared-port-$(date -u +%Y%m%dT%H%M%SZ).jsonl}
BASE=40000     # per-stream variants: 40000 .. 40000+2(N-1) (47998 at 4,000 streams)
SHARED=48000   # shared variants: every stream here
WIN=$((SECS - 8))
MAIN=org.activerecorder.bench.sharedport.SharedPortReceiver
mkdir -p "$B" "$LOGS"
ulimit -n "$(ulimit -Hn)" 2>/dev/null
[ -f "$JAR" ] || { echo "no $JAR: build recorder-bench first" >&2; exit 1; }
gcc -O2 -Wall -o "$B/rtpblast" "$ANCHORS/rtpblast.c" -lm || exit 1
gcc -O2 -Wall -o "$B/floor_recvmmsg" "$ANCHORS/floor_recvmmsg.c" || exit 1

STARTED=""
trap 'for p in $STARTED; do kill "$p" 2>/dev/null; done' EXIT

kv() { grep -o "\b$2=[0-9.]*" "$1" | head -1 | cut -d= -f2; }
jv() { python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2],0))" "$1" "$2"; }
wait_for() { for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "timeout waiting for $2 in $1" >&2; return 1; }
rcvbuf_errors() { awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) if ($i == "RcvbufErrors") c = i; h = 1 } else print $c }' /proc/net/snmp; }
load1() { cut -d' ' -f1 /proc/loadavg; }
# the anchors' benchlib.py udpdrops reads /proc/net/udp only; Netty's socket is an IPv6 dual-stack one (udp6)
udp_drops() { python3 - "$1" "$2" <<'PY'
import sys
lo, hi, d = int(sys.argv[1]), int(sys.argv[2]), 0
for name in ("/proc/net/udp", "/proc/net/udp6"):
    with open(name) as f:
        next(f)
        for line in f:
            p = line.split()
            if lo <= int(p[1].rsplit(":", 1)[1], 16) <= hi:
                d += int(p[-1])
print(d)
PY
}

run_one() {
  local v=$1 calls=$2 series=$3
  local n=$((calls * 2)) tag="$1-$2-s$3" out=/tmp/shared-port-rec-$1
  local rl="$LOGS/$tag.recv" sl="$LOGS/$tag.send" sj="$LOGS/$tag.sample.json"
  local rpid spid recorded
  local groups=$(( (n + PER_PORT - 1) / PER_PORT ))   # the groups variant's sockets, as GroupedPorts opens them
  echo "=== $tag: $n streams, $((n * 50)) pkt/s offered, ${SECS}s, $(uptime)" >&2
  rm -rf "$out"
  local l0; l0=$(load1)
  case $v in
    floor) "$B/floor_recvmmsg" "$n" $BASE "$out" 2 $((SECS + 90)) > "$rl" 2> "$rl.err" & rpid=$! ;;
    java) java "$ANCHORS/FloorNio.java" "$n" $BASE "$out" 2 $((SECS + 90)) > "$rl" 2> "$rl.err" & rpid=$! ;;
    nio|epoll|pipeline|groups) java -cp "$JAR" $MAIN "$v" "$n" $SHARED "$out" 2 $((SECS + 90)) "$BATCH" "$PER_PORT" > "$rl" 2> "$rl.err" & rpid=$! ;;
  esac
  STARTED="$STARTED $rpid"
  wait_for "$rl.err" "ready," || { kill "$rpid" 2>/dev/null; wait "$rpid"; echo "$tag: receiver did not start: $(head -c 300 "$rl.err")" >&2; sleep 2; return 1; }
  local d0; d0=$(rcvbuf_errors)
  case $v in
    floor|java) "$B/rtpblast" "$n" $BASE "$SECS" > "$sl" & spid=$! ;;
    # stream i to group i mod G: rtpblast sends streams i, i+1, ... one after the other (phase-spread), so consecutive
    # streams in one group would reach it in bursts of PER_PORT that a Media Server's calls, started at random, never make
    groups) seq 0 $((n - 1)) | awk -v b=$SHARED -v g=$groups '{ print b + 2 * ($1 % g) }' > "$B/groups-$n.txt"
       "$B/rtpblast" -f "$B/groups-$n.txt" "$n" 0 "$SECS" > "$sl" & spid=$! ;;
    *) yes $SHARED | head -n "$n" > "$B/shared-$n.txt"
       "$B/rtpblast" -f "$B/shared-$n.txt" "$n" 0 "$SECS" > "$sl" & spid=$! ;;
  esac
  STARTED="$STARTED $spid"
  local lo=$SHARED hi=$SHARED
  case $v in floor|java) lo=$BASE; hi=$((BASE + 2 * (n - 1))) ;;
    groups) hi=$((SHARED + 2 * (groups - 1))) ;; esac
  # drops at the receiver's sockets by the start of the CPU window (s 4): the cold start's share
  (sleep 4; udp_drops $lo $hi > "$LOGS/$tag.drops4") & local dpid=$!
  STARTED="$STARTED $dpid"
  python3 "$ANCHORS/benchlib.py" sample "$sj" 4 $WIN recv=$rpid send=$spid
  local l1; l1=$(load1)
  wait $spid; sleep 1
  local drops=$(( $(rcvbuf_errors) - d0 ))
  # the receiver's own sockets (new in this run, so their counters start at 0), still open: the receiver ends
  # 2 s after the last packet
  local sockdrops drops4; sockdrops=$(udp_drops $lo $hi)
  wait $dpid; drops4=$(cat "$LOGS/$tag.drops4")
  wait $rpid
  if [ "$v" = pipeline ]; then   # packets the pipelines accepted (the WAVs' length counts lost packets' silence too)
    recorded=$(( $(kv "$rl" received) - $(kv "$rl" bad) ))
  else
    recorded=$(( $(cat "$out"/*.ulaw | wc -c) / 160 ))
  fi
  rm -rf "$out"
  local ppr rcvbuf; ppr=$(kv "$rl" packets_per_read); rcvbuf=$(kv "$rl" so_rcvbuf)
  ppr=${ppr:-null}; rcvbuf=${rcvbuf:-null}
  local sent received; sent=$(kv "$sl" sent); received=$(kv "$rl" received)
  [ "$v" = groups ] && v=groups$PER_PORT
  printf '{"variant":"%s","calls":%d,"streams":%d,"series":%d,"at":"%s","offered_pps":%d,"sent":%s,"received":%s,"recorded":%s,"kernel_drops":%s,"socket_drops":%s,"socket_drops_by_4s":%s,"receiver_cores":%s,"receiver_self_cores":%s,"sender_cores":%s,"sender_rate":%s,"other_procs_cores":%s,"load_start":%s,"load_end":%s,"packets_per_read":%s,"so_rcvbuf":%s,"window_s":%s}\n' \
    "$v" "$calls" "$n" "$series" "$(date -u +%H:%M:%S)" $((n * 50)) "${sent:-0}" "${received:-0}" "$recorded" "$drops" "${sockdrops:-null}" "${drops4:-null}" \
    "$(jv "$sj" recv_cores)" "$(kv "$rl" cpu_cores)" "$(jv "$sj" send_cores)" "$(kv "$sl" rate)" \
    "$(jv "$sj" other_procs_cores)" "$l0" "$l1" "$ppr" "$rcvbuf" "$(jv "$sj" window_s)" | tee -a "$RES"
  sleep 2
}

echo "results -> $RES" >&2
for s in $(seq "$FIRST_SERIES" $((FIRST_SERIES + SERIES - 1))); do
  for calls in $CALLS_LIST; do
    # a port of 40000-48000 may be held by another program's ephemeral socket (32768-60999 here): retry once
    for v in $VARIANTS; do run_one "$v" "$calls" "$s" || run_one "$v" "$calls" "$s"; done
  done
done
python3 - "$RES" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
floor = {(r["series"], r["calls"]): r["receiver_cores"] * 100000.0 / r["sender_rate"] for r in rows if r["variant"] == "floor"}
print("| variant | calls | sent | received | recorded | drops at its sockets (by s 4) | RcvbufErrors (machine) | receiver cores | cores per 1,000 calls | x C floor | sender cores | load avg | series |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    per = r["receiver_cores"] * 100000.0 / r["sender_rate"]
    f = floor.get((r["series"], r["calls"]))
    print("| %s | %d | %d | %d | %d | %s (%s) | %d | %.3f | %.3f | %s | %.3f | %s -> %s | %d %s |" % (
        r["variant"], r["calls"], r["sent"], r["received"], r["recorded"], r.get("socket_drops"), r.get("socket_drops_by_4s"), r["kernel_drops"], r["receiver_cores"],
        per, "%.2f" % (per / f) if f else "n/a", r["sender_cores"], r["load_start"], r["load_end"], r["series"], r["at"]))
PY
