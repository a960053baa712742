#!/usr/bin/env python3
"""Sums up the collector's pauses in one ab-run.sh run: gc-pauses.py <run folder> (holding gc.log, run.txt).

Every line of the GC log (G1, ZGC or Shenandoah, -Xlog:gc* with the time decoration) that names a pause and ends in
its length in ms is a pause; ZGC's "Allocation Stall" lines are counted apart (a thread waited for memory: for that
thread it is a pause). Three windows: everything the log holds (the server's life: its start, the warm-ups and the
measured run), the measured run's ramp (its startedAt to startedAt + rampSeconds + 1 s, the INVITEs the load tool
times) and the whole measured run (startedAt to the log's end). For each: how many pauses, their sum, the longest, and
the share of the window's wall time spent paused.
"""
import datetime
import glob
import json
import os
import re
import sys

LINE = re.compile(r'^\[(\d{4}-\d\d-\d\dT[\d:.]+)[+-]\d{4}\].*?(Pause [^\n]*?|Allocation Stall[^\n]*?)\s(\d+(?:\.\d+)?)ms$')


def stamp(text):
    return datetime.datetime.strptime(text, '%Y-%m-%dT%H:%M:%S.%f').replace(tzinfo=datetime.timezone.utc).timestamp()


def events(folder):
    found = []
    for path in sorted(glob.glob(os.path.join(folder, 'gc.log*'))):
        with open(path, errors='replace') as log:
            for line in log:
                match = LINE.match(line.rstrip('\n'))
                if match:
                    found.append((stamp(match.group(1)), match.group(2).startswith('Allocation'), float(match.group(3))))
    return sorted(found)


def run_start(folder):
    with open(os.path.join(folder, 'run.txt'), errors='replace') as run:
        for line in run:
            if line.startswith('{') and '"startedAt"' in line:
                record = json.loads(line)
                started = record['startedAt'].rstrip('Z')[:26]
                return stamp(started if '.' in started else started + '.0'), record['rampSeconds']
    return None, None


def summary(name, chosen, seconds):
    pauses = [ms for _, stall, ms in chosen if not stall]
    stalls = [ms for _, stall, ms in chosen if stall]
    total = sum(pauses)
    line = (f'{name}: {len(pauses)} pauses, {total:.0f} ms in all, longest {max(pauses, default=0):.1f} ms, '
            f'{100 * total / 1000 / seconds:.1f} % of {seconds:.0f} s paused')
    if stalls:
        line += f'; {len(stalls)} allocation stalls, longest {max(stalls):.1f} ms'
    print(line)


def main():
    folder = sys.argv[1]
    found = events(folder)
    start, ramp = run_start(folder)
    if not found or start is None:
        print('no GC log or no run record in ' + folder)
        return
    end = found[-1][0]
    # the server's whole life, warm-ups included: what the collector costs the calls of a day, not of one window
    summary('since the start', found, max(end - found[0][0], 1))
    summary('ramp', [e for e in found if start <= e[0] <= start + ramp + 1], ramp + 1)
    summary('measured run', [e for e in found if e[0] >= start], max(end - start, 1))


if __name__ == '__main__':
    main()
