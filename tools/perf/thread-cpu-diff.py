#!/usr/bin/env python3
"""Per-thread CPU of a server over a window: the difference of two tools/perf/thread-cpu.sh listings.

    tools/perf/thread-cpu-diff.py /tmp/recorder-ab/E1 [more run folders]   # each holds t0.txt and t1.txt

Threads of a pool are summed under their name without its number; the window is taken as 12 s (ab-run.sh's).
"""
import sys

WINDOW_SECONDS = 12
TICKS_PER_SECOND = 100


def load(path):
    threads = {}
    for line in open(path):
        fields = line.split()
        if len(fields) == 3:
            threads[fields[0]] = (fields[1], int(fields[2]))
    return threads


def used(start, end):
    """Each thread's (name, clock ticks used) from listing start to listing end; one started between counts whole."""
    return {tid: (name, ticks - start.get(tid, (name, 0))[1]) for tid, (name, ticks) in end.items()}


if __name__ == '__main__':
    for run in sys.argv[1:]:
        by_kind = {}
        for name, ticks in used(load(run + '/t0.txt'), load(run + '/t1.txt')).values():
            kind = name if name.startswith('rtp') else name.rstrip('0123456789').rstrip('#_-')
            by_kind[kind] = by_kind.get(kind, 0) + ticks
        total = sum(by_kind.values())
        print(f'{run}: {total} ticks = {total / TICKS_PER_SECOND / WINDOW_SECONDS:.3f} cores')
        for kind, spent in sorted(by_kind.items(), key=lambda item: -item[1])[:14]:
            print(f'  {kind:<28} {spent:5d} {100 * spent / max(total, 1):5.1f} %')
