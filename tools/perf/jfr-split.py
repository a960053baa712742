#!/usr/bin/env python3
"""Where a recorder's Java time goes, from a Java Flight Recording (ab-run.sh with PROFILE=jfr):

    tools/perf/jfr-split.py <window.jfr> [thread-prefix] [frame-filter]

For every thread group (the thread's name with its digits dropped) the share of execution samples, then, for the
groups given (all when none), the methods most often on the stack (each counted once per sample: "inclusive") and
the ones most often at its top ("self"); a frame filter (a substring, e.g. "activerecorder") keeps only matching
methods in the inclusive list. Last, the exceptions thrown in the recording, by class and the first frame outside the
JDK that threw them. When window.txt lies beside the recording (two epoch seconds, written by ab-run.sh), only the
events between them count: a dump holds whole chunks, more than the window. Unlike perf, JFR walks JIT-compiled Java stacks whole and names their methods at sampling time.
"""
import collections
import datetime
import json
import os
import re
import subprocess
import sys


def window(recording):
    marks = os.path.join(os.path.dirname(os.path.abspath(recording)), 'window.txt')
    if not os.path.exists(marks):
        return None
    with open(marks) as text:
        bounds = [float(line) for line in text if line.strip()]
    return (bounds[0], bounds[1]) if len(bounds) == 2 else None


def seconds(stamp):
    whole, _, fraction = stamp.rstrip('Z').partition('.')
    moment = datetime.datetime.strptime(whole, '%Y-%m-%dT%H:%M:%S').replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp() + float('0.' + (fraction or '0'))


def events(recording, kind, depth=96):
    out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', str(depth), '--events', kind, recording],
                         check=True, capture_output=True, text=True).stdout
    found = json.loads(out)['recording']['events']
    bounds = window(recording)
    if bounds is None:
        return found
    return [e for e in found if bounds[0] <= seconds(e['values']['startTime']) <= bounds[1]]


def frames(event):
    trace = event['values'].get('stackTrace') or {}
    for frame in trace.get('frames', []):
        method = frame['method']
        yield (method['type']['name'] + '.' + method['name']).replace('/', '.')


def group(name):
    return re.sub(r'\d+', 'N', name or '?')


def main():
    recording = sys.argv[1]
    prefix = sys.argv[2] if len(sys.argv) > 2 else ''
    wanted = sys.argv[3] if len(sys.argv) > 3 else ''
    samples = events(recording, 'jdk.ExecutionSample')
    by_group = collections.defaultdict(list)
    for sample in samples:
        thread = sample['values']['sampledThread']
        by_group[group(thread.get('javaName') or thread.get('osName'))].append(list(frames(sample)))
    total = len(samples)
    print(f'{total} execution samples')
    for name, stacks in sorted(by_group.items(), key=lambda item: -len(item[1])):
        print(f'{100 * len(stacks) / total:5.1f} %  {name}')
    for name, stacks in sorted(by_group.items(), key=lambda item: -len(item[1])):
        if not name.startswith(prefix) or len(stacks) < total / 50:
            continue
        inclusive, self_time = collections.Counter(), collections.Counter()
        for stack in stacks:
            if stack:
                self_time[stack[0]] += 1
            inclusive.update(m for m in set(stack) if wanted in m)
        print(f'\n== {name}: {len(stacks)} samples; inclusive' + (f' ({wanted})' if wanted else ''))
        for method, count in inclusive.most_common(30):
            print(f'{100 * count / len(stacks):5.1f} %  {method}')
        print(f'-- self')
        for method, count in self_time.most_common(12):
            print(f'{100 * count / len(stacks):5.1f} %  {method}')
    thrown = collections.Counter()
    for event in events(recording, 'jdk.JavaExceptionThrow'):
        stack = list(frames(event))
        thrower = next((m for m in stack if not m.startswith(('java.', 'jdk.', 'sun.'))), stack[-1] if stack else '?')
        caller = next((m for m in stack[stack.index(thrower) + 1:] if thrower in stack and 'activerecorder' in m), '')
        thrown[(event['values']['thrownClass']['name'].replace('/', '.'), thrower, caller)] += 1
    print(f'\n{sum(thrown.values())} exceptions thrown (constructed)')
    for (kind, thrower, caller), count in thrown.most_common(25):
        print(f'{count:6d}  {kind}  at {thrower}' + (f'  (from {caller})' if caller else ''))


if __name__ == '__main__':
    main()
