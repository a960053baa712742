#!/usr/bin/env python3
"""The server's CPU over ab-run.sh's threads' window against the packets the host received in it (series BR):

    tools/perf/window-rate.py /tmp/recorder-ab/E1 [more run folders]   # each holds t0/t1.txt and udp0/udp1.txt

The load tool's own figure divides by the packets its sender sent in its window; this one by the datagrams the
host's UDP delivered in the threads' window (udp*.txt: /proc/net/snmp's InDatagrams, then the time), so it also holds
for a window ab-run.sh opened later than the tool's (JIT_QUIET). The JIT's compiler threads are given apart: with
them out, the figure is what a server whose JIT has finished costs. Where the run folder holds db0/db1.txt with
processes in them (series BS: a PostgreSQL server's, tools/perf/thread-cpu.sh --named postgres), their CPU over the same
window follows: the database the server was given, apart from the server's own.
"""
import importlib.util
import os
import sys

_spec = importlib.util.spec_from_file_location(
    'thread_cpu_diff', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'thread-cpu-diff.py'))
thread_cpu_diff = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(thread_cpu_diff)
ticks = thread_cpu_diff.load  # each thread's (name, clock ticks) in a tools/perf/thread-cpu.sh listing
used = thread_cpu_diff.used  # each thread's (name, clock ticks used) between two listings
TICKS_PER_SECOND = thread_cpu_diff.TICKS_PER_SECOND


def udp(path):
    datagrams, at = open(path).read().split()
    return int(datagrams), float(at)


for run in sys.argv[1:]:
    try:
        (d0, s0), (d1, s1) = udp(run + '/udp0.txt'), udp(run + '/udp1.txt')
        start, end = ticks(run + '/t0.txt'), ticks(run + '/t1.txt')
    except (OSError, ValueError) as e:
        print(f'{run}: no window to rate ({e})')
        continue
    seconds = s1 - s0
    total = compilers = 0
    for name, spent in used(start, end).values():
        total += spent
        if name.startswith(('C1_Compiler', 'C2_Compiler')):
            compilers += spent
    rate = (d1 - d0) / seconds
    cores = total / TICKS_PER_SECOND / seconds
    jit = compilers / TICKS_PER_SECOND / seconds
    per = 100_000 / rate if rate else float('nan')
    print(f'{run}: window {seconds:.1f} s, {rate:,.0f} datagrams a second received; server {cores:.3f} cores '
          f'({jit:.3f} of them the JIT compiling): {cores * per:.3f} cores per 100,000 packets a second, '
          f'{(cores - jit) * per:.3f} without the JIT')
    try:
        db0, db1 = ticks(run + '/db0.txt'), ticks(run + '/db1.txt')
    except OSError:
        continue
    if db1:
        # a backend started in the window counts whole; one that ended in it is lost (the pool keeps them open)
        spent = sum(t for _, t in used(db0, db1).values())
        print(f'{run}: database ({len(db1)} processes) {spent / TICKS_PER_SECOND / seconds:.3f} cores over the window')
