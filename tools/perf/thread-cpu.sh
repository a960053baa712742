#!/bin/bash
# Prints "<tid> <thread name> <user+system clock ticks>" for every thread of process $1. The thread's name may hold
# spaces ("EJB default - 2"), so the numbers are read after the name's closing parenthesis, not by column.
for task in /proc/$1/task/*; do
  stat=$(cat "$task/stat" 2>/dev/null) || continue
  name=$(tr ' ' '_' < "$task/comm")
  rest=${stat##*) }
  set -- $rest   # rest starts at field 3 (state): utime is field 14, stime 15 -> $12 and $13 here
  echo "${task##*/} $name $(( ${12} + ${13} ))"
done
