#!/bin/bash
# Series BA (docs/performance.md): the anchors' receivers (floor_recvmmsg, FloorNio) fed by the anchors' C sender
# (rtpblast) and by Java senders of four socket shapes (tools/perf/SendShapes.java), 2,000 streams (1,000 calls) at
# 50 packets a second for 20 s; each process's CPU over seconds 4-16 by the anchors' benchlib.py. Run from the
# repository's root after `mvn -B -q package -DskipTests` (for the Netty jars in the local repository) and once the
# anchors' run.sh has built its C tools in /tmp/bench-build.
#   MODES="rtpblast v6conn netty" RCV=java tools/perf/send-shapes.sh
set -u
H=${BENCH:-../shared/bench}; B=/tmp/bench-build; n=${STREAMS:-2000}; BASE=20000; SECS=20
R=~/.m2/repository/io/netty; V=${NETTY:-4.1.128.Final}
CP=$(for a in netty-buffer netty-common netty-transport netty-resolver netty-transport-classes-epoll \
  netty-transport-native-unix-common; do echo -n "$R/$a/$V/$a-$V.jar:"; done)$R/netty-transport-native-epoll/$V/netty-transport-native-epoll-$V-linux-x86_64.jar
ulimit -n "$(ulimit -Hn)"
OUT=${OUT:-/tmp/send-shapes}; mkdir -p "$OUT"
for mode in ${MODES:-rtpblast v6conn v4conn v4one netty}; do
  rec=/tmp/send-shapes-rec; rm -rf $rec; rl=$OUT/$mode.recv
  if [ "${RCV:-floor}" = java ]; then java "$H/FloorNio.java" $n $BASE $rec 2 $((SECS + 60)) > "$rl" 2> "$rl.err" & rpid=$!
  else "$B/floor_recvmmsg" $n $BASE $rec 2 $((SECS + 60)) > "$rl" 2> "$rl.err" & rpid=$!; fi
  for _ in $(seq 1 300); do grep -q ready "$rl.err" 2>/dev/null && break; sleep 0.1; done
  if [ "$mode" = rtpblast ]; then "$B/rtpblast" $n $BASE $SECS > "$OUT/$mode.send" & spid=$!
  else java -Xms256m -Xmx256m -cp "$CP" tools/perf/SendShapes.java $mode $n $BASE $SECS > "$OUT/$mode.send" & spid=$!; fi
  python3 "$H/benchlib.py" sample "$OUT/$mode.json" 4 12 recv=$rpid send=$spid
  wait $spid; wait $rpid
  echo "$mode receiver=${RCV:-floor} $(python3 -c "import json,sys; d=json.load(open(sys.argv[1]))
print('sender %.3f receiver %.3f other %.2f' % (d['send_cores'], d['recv_cores'], d['other_procs_cores']))" "$OUT/$mode.json") $(grep -o 'received=[0-9]*' "$rl")"
done
rm -rf /tmp/send-shapes-rec
