#!/usr/bin/env python3
"""Counts the streams of one ab-run.sh run whose file holds time their packets never carried:
time-inserted.py <run folder> (holding server.out and run.txt).

The load tool's timestamps are continuous (+160 a packet, never a jump), so a stream's file should hold exactly
packetsExpected x 160 samples (received and lost packets alike; a lost one is silence of its length). More than one
packet's worth over that is silence the recorder inserted: a re-anchor that took the sender for a hold with a frozen
clock (docs/alignment.md, cause 5). Only the measured run counts: streams closed (REQUESTED) after the run's startedAt
in run.txt's JSON line, which excludes the warm-up. Prints the streams, the packets lost, the streams with a
timestamp jump, and those with time inserted with its median and most (ms at 8 kHz).
"""
import json
import os
import re
import statistics
import sys

CLOSED = re.compile(r'^\S*?(\d\d:\d\d:\d\d),\d+ INFO .*RTP stream \S+ closed \(REQUESTED\)')


def field(line, name):
    return int(re.search(name + r'=(\d+)', line).group(1))


def started_at(folder):
    with open(os.path.join(folder, 'run.txt'), errors='replace') as run:
        for line in run:
            if line.startswith('{'):
                return json.loads(line)['startedAt'][11:19]  # HH:MM:SS, UTC as the server's log
    raise SystemExit('no JSON line in run.txt: the run did not finish')


def main(folder):
    since = started_at(folder)
    streams = lost = jumped = 0
    inserted = []
    with open(os.path.join(folder, 'server.out'), errors='replace') as log:
        for raw in log:
            line = re.sub(r'\x1b\[[0-9;]*m', '', raw)
            match = CLOSED.match(line)
            if not match or match.group(1) < since:
                continue
            streams += 1
            lost += field(line, 'packetsLost')
            jumped += field(line, 'timestampJumps') > 0
            extra = field(line, 'samplesWritten') - field(line, 'packetsExpected') * 160
            if extra > 160:
                inserted.append(extra / 8)
    summary = f'streams {streams}, packets lost {lost}, with a timestamp jump {jumped}, with time inserted {len(inserted)}'
    if inserted:
        summary += f' (median {statistics.median(inserted):.0f} ms, most {max(inserted):.0f} ms)'
    print(summary)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
