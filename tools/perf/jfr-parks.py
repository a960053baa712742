#!/usr/bin/env python3
"""Where a recorder's threads waited, from a Java Flight Recording (ab-run.sh with PROFILE=jfr):

    tools/perf/jfr-parks.py <window.jfr> [thread-substring ...]

The recording's parks and monitor waits (jdk.ThreadPark and jdk.JavaMonitorEnter; the profile settings keep those of
10 ms or more) inside the window (window.txt beside the recording, as for jfr-split.py): first by thread group (the
thread's name with its digits dropped) with their count and time, then, for the threads whose names hold one of the
substrings (all when none), the places they waited most: the first frames under the JDK's lock and queue code.
Series BF counted the SIP threads' waits for the SIP socket's send lock with it.
"""
import collections
import importlib.util
import os
import re
import sys

_SPLIT = importlib.util.spec_from_file_location(
    'jfr_split', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'jfr-split.py'))
jfr_split = importlib.util.module_from_spec(_SPLIT)
_SPLIT.loader.exec_module(jfr_split)

LOCK_CODE = ('jdk.internal.misc.Unsafe', 'java.util.concurrent.locks.', 'java.util.concurrent.ForkJoinPool',
             'java.lang.Object.wait')


def millis(duration):
    """JFR's ISO-8601 durations (PT0.012S, PT1M2.5S) in ms."""
    found = re.match(r'PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?', duration)
    hours, minutes, secs = (float(part or 0) for part in found.groups())
    return ((hours * 60 + minutes) * 60 + secs) * 1000


def main():
    recording = sys.argv[1]
    wanted = sys.argv[2:]
    waits = (jfr_split.events(recording, 'jdk.ThreadPark') + jfr_split.events(recording, 'jdk.JavaMonitorEnter'))
    count, spent = collections.Counter(), collections.Counter()
    places, place_spent = collections.Counter(), collections.Counter()
    for wait in waits:
        thread = wait['values'].get('eventThread') or {}
        name = thread.get('javaName') or thread.get('osName') or '?'
        ms = millis(wait['values']['duration'])
        group = jfr_split.group(name)
        count[group] += 1
        spent[group] += ms
        if wanted and not any(part in name for part in wanted):
            continue
        stack = [frame for frame in jfr_split.frames(wait) if not frame.startswith(LOCK_CODE)]
        place = group[:28] + ': ' + ' < '.join(frame.rsplit('.', 2)[-2] + '.' + frame.rsplit('.', 1)[-1]
                                               for frame in stack[:6])
        places[place] += 1
        place_spent[place] += ms
    print(f'{len(waits)} parks and monitor waits in the window')
    for group, n in count.most_common():
        print(f'{n:6d} {spent[group] / 1000:8.1f} s  {group}')
    print('\nwhere (count, seconds, thread group: the first frames under the lock code)')
    for place, n in places.most_common(15):
        print(f'{n:6d} {place_spent[place] / 1000:8.1f} s  {place}')


if __name__ == '__main__':
    main()
