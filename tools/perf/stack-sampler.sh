#!/bin/bash
# Series R's stack sampler (docs/performance.md): run beside ab-run.sh with the run's folder ($OUT/<label>); it waits
# for the measured run (run.txt), then for its first RecordingCompleted in the server's log, then writes 50 thread
# dumps of the server, 0.4 s apart, each headed by the time and the kernel's Dirty and Writeback, to stacks.txt.
#   tools/perf/stack-sampler.sh /tmp/recorder-ab/F3 &
D=$1; L=${SERVER_LOG:-wildfly-config/target/server/standalone/log/server.log}
while [ ! -f $D/run.txt ]; do sleep 1; done
sleep 5
base=$(grep -c "COMPLETED" $L)
while [ $(grep -c "COMPLETED" $L) -le $base ]; do sleep 0.3; done
PID=$(pgrep -f "jboss-modules.jar.*wildfly-config/target/server" | head -1)  # the README's server, not an IT's
for i in $(seq 1 50); do
  echo "=== $(date +%T.%N) $(grep -E '^(Dirty|Writeback):' /proc/meminfo | tr -s ' ' | tr '\n' ' ')" >> $D/stacks.txt
  jcmd $PID Thread.print 2>/dev/null >> $D/stacks.txt
  sleep 0.4
done
