#!/usr/bin/env python3
"""Sums up the server's system calls over a load run's window (ab-run.sh PROFILE=syscalls, series AV and AW).

    tools/perf/syscalls.py OUT/<label>/syscalls.csv CALLS [SECONDS]

CALLS two-stream G.711 calls at 50 packets a second each way were streaming through the SECONDS (12) of the window,
so the window saw CALLS * 100 * SECONDS packets. Prints each kind of call per packet, then the threads that made
most of them (by name, the numbers in a name folded so that a pool's threads add up).
"""
import collections
import re
import sys


def main():
    path, calls = sys.argv[1], int(sys.argv[2])
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 12.0
    packets = calls * 100 * seconds
    by_event = collections.Counter()
    by_thread = collections.defaultdict(collections.Counter)
    for line in open(path):
        fields = line.strip().split(",")
        if len(fields) < 4 or line.startswith("#") or not fields[1].isdigit():
            continue
        thread, count, event = fields[0], int(fields[1]), fields[3]
        event = event.split(":")[-1].replace("sys_enter_", "").replace("sys_enter", "all")
        name = re.sub(r"-\d+$", "", thread)
        name = re.sub(r"\d+", "#", name)
        by_event[event] += count
        by_thread[name][event] += count
    print(f"packets in the window: {packets:,.0f} ({calls} calls, {seconds:g} s)")
    for event, count in sorted(by_event.items(), key=lambda e: -e[1]):
        print(f"  {event:12s} {count:>12,d}  {count / packets:.3f} per packet")
    print("threads (all system calls per packet, then by kind):")
    ranked = sorted(by_thread.items(), key=lambda t: -t[1]["all"])
    for name, counts in ranked[:12]:
        kinds = ", ".join(f"{e} {c / packets:.3f}" for e, c in counts.most_common() if e != "all" and c)
        print(f"  {name:18s} {counts['all'] / packets:.3f}  ({kinds})")


if __name__ == "__main__":
    main()
