#!/usr/bin/env python3
"""The server's CPU beside the Java floor's, by kind, in cores: several perf recordings side by side (series BC).

Usage:
    tools/perf/floor-perf.sh 1000 /tmp/fp1                  # perf over the anchors' Java floor (perf.txt)
    PROFILE=1 tools/perf/ab-run.sh "S1:recorder-ear/target/recorder.ear:--rtp-sockets shared"   # and the server
    tools/perf/cpu-compare.py /tmp/fp1/perf.txt /tmp/recorder-ab/S1/perf.txt

Each recording is `perf record -g -F 499` over 12 s (what ab-run.sh and floor-perf.sh take), so a sample is 1/5,988 of
a core. The receiving threads (the recorder's `rtp-receive-N`, or `FloorNio.java`'s main thread, `java`) are split by
cpu-split.py's classes; the server's other threads are grouped (the progressive passes on the EJB threads, the JIT,
the rest). At 1,000 calls the cores are cores per 1,000 calls.
"""
import collections
import importlib.util
import os
import re
import sys

SAMPLE_CORES = 1 / 499 / 12

spec = importlib.util.spec_from_file_location('cpu_split', os.path.join(os.path.dirname(__file__), 'cpu-split.py'))
cpu_split = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cpu_split)


def kind(thread, frames):
    group = re.sub(r'\d+$', 'N', thread)
    if group.startswith('rtp-receive') or group == 'java':
        return 'receive: ' + cpu_split.classify(frames)
    if 'Compiler' in group:
        return 'other threads: the JIT'
    if group.startswith('EJB'):
        return 'other threads: EJB (the progressive passes)'
    return 'other threads: the rest'


def main(paths):
    columns = []
    for path in paths:
        counts = collections.Counter()
        with open(path, errors='replace') as text:
            for thread, frames in cpu_split.samples(text):
                counts[kind(thread, frames)] += 1
        columns.append(counts)
    kinds = sorted(set().union(*columns), key=lambda k: (not k.startswith('receive'), -sum(c[k] for c in columns)))
    print('| kind | ' + ' | '.join(os.path.basename(os.path.dirname(p)) or p for p in paths) + ' |')
    print('|---|' + '---|' * len(paths))
    for name in kinds:
        print(f'| {name} | ' + ' | '.join(f'{c[name] * SAMPLE_CORES:.3f}' for c in columns) + ' |')
    for label, test in (('receiving threads', lambda k: k.startswith('receive')), ('all', lambda k: True)):
        print(f'| **{label}** | ' + ' | '.join(
            f'**{sum(v for k, v in c.items() if test(k)) * SAMPLE_CORES:.3f}**' for c in columns) + ' |')


if __name__ == '__main__':
    main(sys.argv[1:])
