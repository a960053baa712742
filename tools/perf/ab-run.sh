#!/bin/bash
# Series Q's driver (docs/performance.md, "Where the CPU goes"): runs recorder-load against the README's server once
# per EAR given, each on a fresh data folder, with the EAR copied into deployments/ before the start. Each run: three
# warm-ups of 1,000 calls of 20 s, then 1,000 calls of 40 s at 50/s (JSON lines appended to $OUT/results.jsonl), the
# threads' CPU over the load tool's steady window ($OUT/<label>/t0.txt, t1.txt; tools/perf/thread-cpu.sh), and with
# PROFILE=1 a perf recording of that window ($OUT/<label>/perf.txt, for tools/perf/cpu-split.py), with PROFILE=jfr a
# Java Flight Recording of it with every exception thrown ($OUT/<label>/window.jfr, for tools/perf/jfr-split.py and jfr-parks.py),
# with PROFILE=syscalls the server's system calls in it by kind and thread ($OUT/<label>/syscalls.csv, for
# tools/perf/syscalls.py, which divides them by the packets the run sent in the window).
#
# FLOORS=1 runs the anchors' C and Java floors (BENCH, default /work/shared/bench: run.sh with RECEIVERS="floor java")
# at the measured run's call count before the first run and after each one ($OUT/floors.jsonl), and prints each run's
# server cores per 1,000 calls over the Java floor measured just before and just after it. Series BC: this machine's
# speed moves by up to twice from one run to the next, and the server's page-cache work more than the floors', so
# only a floor taken minutes from the run it is set against says anything of the ratio.
#
#   tools/perf/ab-run.sh "A1:/tmp/before.ear:--no-wav-check" "E1:recorder-ear/target/recorder.ear:"
#
# JIT_QUIET=1 (series BR) holds the threads' window until the JIT's C2 has been quiet for 3 s (jit_quiet below): give
# the measured run calls long enough for the wait, e.g. MAIN="--calls 1000 --rate 50 --call-seconds 150". Each run's
# line then adds the window's rate as the host received it and the server's cores per 100,000 packets a second, with
# and without the JIT's compiling (tools/perf/window-rate.py).
#
# On PostgreSQL (series BS): run it in a clone whose server was built with -Drecorder.database=postgresql, as root, with
# RECORDER_DB_URL, RECORDER_DB_USER and RECORDER_DB_PASSWORD exported (README "PostgreSQL"; the database on this host):
# each run starts on that database dropped and made again (server.sh), and window-rate.py adds the database server's
# CPU over the threads' window (its processes' ticks, $OUT/<label>/db0.txt, db1.txt).
#
# Run from the repository's root, with the server built (wildfly-config/target/server) and nothing else on its ports.
# It deletes the server's data folder (recordings, database, broker journal) before every run.
#
# Other loads (series R): MAIN sets the measured run's size (default "--calls 1000 --rate 50 --call-seconds 40"),
# WINDOW_AT the seconds from its start to the threads' CPU window and the profiles (default: when the load tool says its
# own window opens, which is after the ramp really ended and every stream's first packet left, and the settle; series
# BQ: a fixed 26 s, 4 s after the ramp by the schedule, caught 0.3 cores of calls' setup when the sender was behind),
# SERVER_OPTS the server's system properties (limits raised for 3,000 calls), e.g.
#   MAIN="--calls 1000 --rate 50 --call-seconds 300" WINDOW_AT=60 tools/perf/ab-run.sh "L5:recorder-ear/target/recorder.ear:"
# A fourth field replaces the JVM's heap and collector options (JBOSS_JAVA_SIZING; without it, the recorder's
# default that bin/standalone.conf picks for the JDK: generational ZGC with 2 GiB on JDK 21 and later, G1 on 17), to
# compare collectors (series U, AE); it may hold colons:
# "G1:recorder-ear/target/recorder.ear::-Xms64m -Xmx512m -XX:+UseG1GC". A fifth field is the JDK the server runs on
# (its JAVA_HOME; without it, the JAVA_HOME this script was started with; the load tool stays on the java of the
# PATH), to compare JDKs:
# "J25:recorder-ear/target/recorder.ear:::/usr/lib/jvm/temurin-25-jdk-amd64". WARMUPS=N runs N warm-ups instead of three;
# WARM replaces the warm-up's size (default "--calls 1000 --rate 50 --call-seconds 20"), which plays the codec the run's
# options name (--codec, docs/performance.md "Codecs"), so that what the measured run decodes is compiled already.
# With PROFILE=jfr, JFR_PERIOD sets the Java execution sampler's period (default "10 ms", as the JDK's profile
# settings; "1 ms" samples ten times as often). SIPCAP=1 captures the measured run's SIP ($OUT/<label>/sip.pcap,
# sip.txt: tools/perf/sip-acks.py). The server always writes a GC log; it is kept as $OUT/<label>/gc.log and summed
# up by tools/perf/gc-pauses.py. (Not when the fourth field holds an -Xlog:gc option of its own, e.g.
# -Xlog:gc+age=trace:file=...: standalone.sh then leaves its GC log out.)
set -u
. "$(dirname "$0")/server.sh"
OUT=${OUT:-/tmp/recorder-ab}
CALLER_JAVA_HOME=${JAVA_HOME:-}   # the server's JDK for runs without a fifth field, as before it existed
HERE=$(dirname "$0")
mkdir -p "$OUT"
run() { # label ear load-tool-options
  local L=$1 D=$OUT/$1
  rm -rf "$D"; mkdir -p "$D"
  fresh_server "$2"
  rm -f $S/standalone/log/gc.log*
  if [ -n "${4:-}" ]; then export JBOSS_JAVA_SIZING="$4"; else unset JBOSS_JAVA_SIZING; fi
  if [ "${PROFILE:-0}" = jfr ]; then
    # The recording runs from the JVM's start: starting one mid-run (jcmd JFR.start) retransforms the JDK's file and
    # socket classes, and the deoptimisation that follows stalled the server for tens of seconds (series U, J1-J3:
    # INVITEs answered 2-10 a second instead of 100, 10 % of the packets lost in the kernel). Only the window is dumped.
    sed -e '/"jdk.JavaExceptionThrow"/,/<\/event>/s/control="enable-exceptions">false/control="enable-exceptions">true/' \
      -e '/"jdk.ExecutionSample"/,/<\/event>/s/>10 ms</>'"${JFR_PERIOD:-10 ms}"'</' \
      "$(dirname "$(readlink -f "$(command -v java)")")/../lib/jfr/profile.jfc" > "$D/window.jfc"
    # standalone.sh puts PREPEND_JAVA_OPTS before the heap options, which stay whatever the run chose.
    # DebugNonSafepoints: without it a sample is placed at the nearest point the JIT kept debug information for, which
    # put the receive loops' time in LockSupport.unpark under DatagramChannelImpl.receive (series AX); with it, at the
    # inlined method it was in (series AY).
    export PREPEND_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
-XX:StartFlightRecording=name=run,settings=$D/window.jfc,maxage=30m"
  else
    unset PREPEND_JAVA_OPTS
  fi
  local JDK=${5:-$CALLER_JAVA_HOME}
  if [ -n "$JDK" ]; then export JAVA_HOME="$JDK"; else unset JAVA_HOME; fi
  local JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
  GC_LOG=true $S/bin/standalone.sh ${SERVER_OPTS:-} > "$D/server.out" 2>&1 &
  local SERVER=$!
  local JPID
  JPID=$(await_server)
  local PW=$S/standalone/data/recorder/initial-admin-password
  uptime > "$D/load.txt"
  # WARMUPS=N: that many warm-up runs (default 3 since series AX, 1 before); code that runs a few times per call
  # reaches C2 only after several (series AW: one warm-up left C2 at 16.8 % of the server's CPU, three at 3 %)
  for w in $(seq 1 "${WARMUPS:-3}"); do
    java -jar recorder-load/target/recorder-load.jar --password-file $PW ${WARM:---calls 1000 --rate 50 --call-seconds 20} \
      $(grep -o -e '--codec [A-Za-z0-9]*' <<< "$3") --no-wav-check > "$D/warm$([ "$w" = 1 ] || echo "$w").txt" 2>&1
  done
  uptime >> "$D/load.txt"
  # the threads' window and the profiles follow the load tool's window (12 s), or start WINDOW_AT s into the run
  ( if [ -n "${WINDOW_AT:-}" ]; then sleep "$WINDOW_AT"
    else
      for _ in $(seq 1 6000); do
        grep -q -e 'the CPU window opens' -e 'no steady-state window' -e '^server RSS' "$D/run.txt" 2>/dev/null && break
        sleep 0.1
      done
    fi
    [ -n "${JIT_QUIET:-}" ] && jit_quiet $JPID "$D"
    "$HERE/thread-cpu.sh" $JPID > "$D/t0.txt"
    "$HERE/thread-cpu.sh" --named postgres > "$D/db0.txt"
    udp_in > "$D/udp0.txt"
    if [ "${PROFILE:-0}" = jfr ]; then
      # Java stacks whole (perf sees only the leaf frame of JIT code, and its map goes stale while the JIT works)
      date -u +%s.%N > "$D/window.txt"; sleep 12; date -u +%s.%N >> "$D/window.txt"
      # the dump holds whole chunks (more than the window): jfr-split.py keeps the window's events (window.txt)
      $JCMD $JPID JFR.dump name=run begin=-12s filename="$D/window.jfr" > "$D/jfr.out" 2>&1
    elif [ "${PROFILE:-0}" = 1 ]; then
      perf record -g -F 499 -p $JPID -o "$D/perf.data" -- sleep 12 > "$D/perf.out" 2>&1
      $JCMD $JPID Compiler.perfmap > /dev/null 2>&1
      perf script -i "$D/perf.data" -F comm,tid,ip,sym > "$D/perf.txt" 2>/dev/null
    elif [ "${PROFILE:-0}" = syscalls ]; then
      # the server's system calls over the window, by kind and by thread (series AV, AW): tools/perf/syscalls.py
      perf stat -x, --per-thread -e raw_syscalls:sys_enter,syscalls:sys_enter_recvfrom,syscalls:sys_enter_pwrite64 \
        -e syscalls:sys_enter_pread64,syscalls:sys_enter_futex,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_write \
        -e syscalls:sys_enter_writev,syscalls:sys_enter_lseek \
        -p $JPID -o "$D/syscalls.csv" -- sleep 12 > "$D/perf.out" 2>&1
    else
      sleep 12
    fi
    "$HERE/thread-cpu.sh" $JPID > "$D/t1.txt"
    "$HERE/thread-cpu.sh" --named postgres > "$D/db1.txt"
    udp_in > "$D/udp1.txt" ) &
  local WINDOW=$!
  # SIPCAP=1: the measured run's SIP on the wire (tcpdump, root), summed up by sip-acks.py (series Z): the INVITE's
  # answer as the recorder sent it, apart from the load tool's own delays, and any 200 OK sent twice
  local CAPTURE=
  if [ "${SIPCAP:-0}" = 1 ]; then
    tcpdump -i lo -s 0 -w "$D/sip.pcap" 'udp port 5060' > "$D/tcpdump.out" 2>&1 &
    CAPTURE=$!; sleep 1
  fi
  java -jar recorder-load/target/recorder-load.jar --password-file $PW ${MAIN:---calls 1000 --rate 50 --call-seconds 40} $3 \
    --json-out "$OUT/results.jsonl" --label "$L" > "$D/run.txt" 2>&1
  [ -n "$CAPTURE" ] && kill $CAPTURE && sleep 1 && "$HERE/sip-acks.py" "$D/sip.pcap" > "$D/sip.txt"
  wait $WINDOW
  uptime >> "$D/load.txt"
  kill $JPID; sleep 8; kill $SERVER 2>/dev/null
  pgrep -f "jboss-modules.jar.*$S" > /dev/null && echo "$L: the server is still up" >&2
  cp $S/standalone/log/gc.log* "$D/" 2>/dev/null
  echo "$L: $(grep -E 'INVITE|last BYE|cores per|recordings:' "$D/run.txt" | tr '\n' ' ')"
  "$HERE/window-rate.py" "$D" | sed "s/^/$L: /"
  "$HERE/gc-pauses.py" "$D" | sed "s/^/$L: /"
  [ -f "$D/sip.txt" ] && sed "s/^/$L: SIP: /" "$D/sip.txt"
  if [ "${FLOORS:-0}" = 1 ]; then
    local before; before=$(tail -n 1 "$OUT/floors.jsonl" 2>/dev/null)
    floors "$L"
    floor_ratio "$L" "$before" "$(tail -n 1 "$OUT/floors.jsonl" 2>/dev/null)"
  fi
  return 0
}
# The datagrams the host's UDP delivered so far (/proc/net/snmp, Udp: InDatagrams), and the time: the window's packet
# rate as the server received it, whatever the load tool's sender managed (window-rate.py).
udp_in() {
  awk '/^Udp:/ { if (!n) { for (i = 2; i <= NF; i++) if ($i == "InDatagrams") col = i; n = 1 } else print $col }' \
    /proc/net/snmp
  date -u +%s.%N
}
# JIT_QUIET=1 (series BR): the threads' window opens only once the JIT's optimising compiler has been quiet, at most
# JIT_QUIET_TICKS clock ticks (default 3, 3 % of one core) in each of the last 3 seconds, and at most JIT_QUIET_MAX
# seconds (default 120) after the window would have opened; $D/jit-quiet.txt says how long it waited. Series BQ: after
# three or six warm-ups C2 still took 0.2-0.36 cores of a 12-s window on these two busy cores, compiling minutes behind.
jit_quiet() {
  local pid=$1 d=$2 quiet=0 waited=0 prev now
  c2_ticks() { "$HERE/thread-cpu.sh" "$pid" | awk '$2 ~ /^C2_CompilerThre/ { t += $3 } END { print t + 0 }'; }
  prev=$(c2_ticks)
  while [ "$quiet" -lt 3 ] && [ "$waited" -lt "${JIT_QUIET_MAX:-120}" ]; do
    sleep 1; waited=$((waited + 1)); now=$(c2_ticks)
    if [ $((now - prev)) -le "${JIT_QUIET_TICKS:-3}" ]; then quiet=$((quiet + 1)); else quiet=0; fi
    echo "$waited s: C2 $((now - prev)) ticks" >> "$d/jit-quiet.txt"; prev=$now
  done
  echo "window opened after $waited s ($([ "$quiet" -ge 3 ] && echo "C2 quiet for 3 s" || echo "C2 never quiet: gave up"))" \
    >> "$d/jit-quiet.txt"
}
# The anchors at the measured run's call count, appended to $OUT/floors.jsonl (the C floor's line, then the Java's).
floors() {
  local calls out; calls=$(grep -o -e '--calls [0-9]*' <<< "${MAIN:---calls 1000}" | cut -d' ' -f2)
  out=$(cd "$OUT" && pwd)   # run.sh runs in BENCH
  (cd "${BENCH:-/work/shared/bench}" && RES="$out/floors.jsonl" RECEIVERS="floor java" CALLS_LIST="${calls:-1000}" \
    REPEAT_1000=1 bash run.sh > "$out/floors-$1.log" 2>&1) || echo "$1: the floors did not run ($out/floors-$1.log)" >&2
}
# The run's server cores per 1,000 calls against the Java floor's lines taken before and after it.
floor_ratio() {
  python3 - "$OUT/results.jsonl" "$1" "$2" "$3" <<'PY'
import json, sys
results, label, before, after = sys.argv[1:5]
run = [r for r in map(json.loads, open(results)) if r.get('label') == label][-1]
server = run['serverCoresPer1000Calls']
floor = [json.loads(line) for line in (before, after) if line.strip()]
per1000 = [f['receiver_cores'] * 1000 / f['calls'] for f in floor if f.get('receiver') == 'java']
if per1000:
    text = ', '.join(f'{x:.3f}' for x in per1000)
    print(f'{label}: server {server:.3f} cores per 1,000 calls; Java floor before/after {text}; '
          f'server / floor {server / max(per1000):.2f}-{server / min(per1000):.2f}')
PY
}
[ "${FLOORS:-0}" = 1 ] && floors start
for spec in "$@"; do
  # the JVM's options may hold colons (-XX:+UseG1GC): the JDK is what follows the last ":/", if anything does
  IFS=: read -r L EAR OPTS REST <<< "$spec"
  JVM=$REST JDK=
  case "$REST" in *:/*) JDK=/${REST##*:/} JVM=${REST%:/*} ;; esac
  # one colon too many before the JDK ("L:EAR:OPTS:::/jdk") left ":" as the JVM's options, and the server did not start
  [[ $JVM =~ ^:*$ ]] && JVM=
  run "$L" "$EAR" "$OPTS" "$JVM" "$JDK"
done
