#!/bin/bash
# Prints "<tid> <thread name> <user+system clock ticks>" for every thread of process $1. The thread's name may hold
# spaces ("EJB default - 2"), so the numbers are read after the name's closing parenthesis, not by column. One awk
# reads every thread's stat: a process per thread (as until series AZ) took 8-16 s for the server's ~160 threads on
# a busy machine, which stretched ab-run.sh's 12 s window to 20-28 s and into the calls' ends.
#
#   tools/perf/thread-cpu.sh --named postgres   # series BS: every process of that name instead (a database server's
#                                               # backends, a process each), in the same form, the pid first
if [ "$1" = --named ]; then want=$2; stats=(/proc/[0-9]*/stat); else want=; stats=(/proc/"$1"/task/*/stat); fi
exec awk -v want="$want" '{
  match($0, /.*\)/)   # up to the closing parenthesis of the name, the last one on the line
  name = substr($0, index($0, "(") + 1, RLENGTH - index($0, "(") - 1); gsub(/ /, "_", name)
  split(substr($0, RLENGTH + 2), rest, " ")   # rest[1] is field 3 (state): utime is field 14, stime 15
  if (want == "" || name == want) print $1, name, rest[12] + rest[13]
}' "${stats[@]}" 2>/dev/null
