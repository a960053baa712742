#!/bin/bash
# Prints "<tid> <thread name> <user+system clock ticks>" for every thread of process $1. The thread's name may hold
# spaces ("EJB default - 2"), so the numbers are read after the name's closing parenthesis, not by column. One awk
# reads every thread's stat: a process per thread (as until series AZ) took 10-15 s for the server's ~400 threads on
# a busy machine, which stretched ab-run.sh's 12 s window to about 27 s and into the calls' ends.
exec awk '{
  opening = index($0, "("); shut = 0
  for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { shut = i; break }
  name = substr($0, opening + 1, shut - opening - 1); gsub(/ /, "_", name)
  n = split(substr($0, shut + 2), rest, " ")   # rest[1] is field 3 (state): utime is field 14, stime 15
  print $1, name, rest[12] + rest[13]
}' /proc/"$1"/task/*/stat 2>/dev/null
