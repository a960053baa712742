#!/usr/bin/env python3
"""Ground truth for a sender whose send times are unknown (SIPp): the kernel's capture of its RTP on lo.

    tcpdump -i lo -s 80 -B 262144 -w rtp.pcap 'udp and dst portrange 20000-29999' &
    tools/burst/burst-test.sh -n 1000 -s 20 -t 10 -c PREFIX ...;  kill -INT <tcpdump>
    curl -u admin:PASSWORD 'http://127.0.0.1:8080/api/recordings?offset=0&limit=500' > recordings.json  (every page,
    one JSON array per line)
    python3 tools/align/capture-truth.py rtp.pcap recordings.json PREFIX

On lo a packet is captured as it is sent (in the sender's own system call), so the capture's timestamps are the
send times. Per stream (matched to the API's stream by the recorder's RTP port and the time of its first packet):
  - sent start: when sample 0 was sent by the sender's own clock = min over the first 5 s of
    (capture time - (timestamp - first timestamp) / 8000), the same rule the recorder applies to its arrival times;
  - first packet sent: the capture time of the stream's first packet.
Per call it prints the error of the recorded customer-agent offset (firstSampleAt) against the sent one, and per
stream the recorder's firstSampleAt less the sent start.
"""
import json
import statistics
import os
import struct
import sys
from datetime import datetime

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import pcap  # noqa: E402 (tools/pcap.py)


def packets(path):
    """(epoch seconds, destination port, RTP timestamp) of every RTP packet in a pcap of lo (Ethernet framing)."""
    for at, _, port, rtp in pcap.udp_datagrams(path):
        if len(rtp) < 12 or rtp[0] >> 6 != 2 or port % 2:
            continue
        yield at, port, struct.unpack('>I', rtp[4:8])[0]


def instant(text):
    return datetime.fromisoformat(text.replace('Z', '+00:00')).timestamp()


def distribution(values):
    values = sorted(values)
    absolute = sorted(abs(v) for v in values)
    return ('n %4d  median %7.2f  p95|x| %7.2f  max|x| %7.2f  stdev %6.2f  mean %7.2f'
            % (len(values), values[len(values) // 2], absolute[int(0.95 * len(absolute)) - 1], absolute[-1],
               statistics.pstdev(values), statistics.mean(values)))


def main(pcap, recordings_file, prefix):
    streams = {}  # port -> list of runs [first time, first timestamp, sent start, last time]
    for at, port, timestamp in packets(pcap):
        runs = streams.setdefault(port, [])
        if not runs or at - runs[-1][3] > 2.0:  # a port reused by a later stream
            runs.append([at, timestamp, at, at])
        run = runs[-1]
        run[3] = at
        if at - run[0] <= 5.0:
            elapsed = ((timestamp - run[1]) & 0xFFFFFFFF) / 8000.0
            run[2] = min(run[2], at - elapsed)

    def sent(stream):
        port = int(stream['localRtp'].rsplit(':', 1)[1])
        first_packet = instant(stream['firstPacketAt'])
        candidates = [run for run in streams.get(port, []) if abs(run[0] - first_packet) < 1.0]
        return min(candidates, key=lambda run: abs(run[0] - first_packet)) if candidates else None

    pair_errors, start_errors, sender_lead, unmatched = [], [], [], 0
    for line in open(recordings_file):
        if not line.strip():
            continue
        for recording in json.loads(line):
            if not recording['callUuid'].startswith(prefix):
                continue
            by_dn = {s['dn']: s for s in recording['streams']}
            agent, customer = by_dn.get('1001'), by_dn.get('5551234')
            runs = [sent(s) if s else None for s in (agent, customer)]
            if None in runs:
                unmatched += 1
                continue
            for stream, run in zip((agent, customer), runs):
                start_errors.append((instant(stream['firstSampleAt']) - run[2]) * 1000)
                sender_lead.append((run[0] - run[2]) * 1000)
            recorded = instant(customer['firstSampleAt']) - instant(agent['firstSampleAt'])
            pair_errors.append((recorded - (runs[1][2] - runs[0][2])) * 1000)
    print('calls matched %d, unmatched %d' % (len(pair_errors), unmatched))
    print('offset error by firstSampleAt vs the capture (ms):     ' + distribution(pair_errors))
    print('firstSampleAt less sent start per stream (ms):         ' + distribution(start_errors))
    print("sender's first packet after its own sample 0 (ms):     " + distribution(sender_lead))


if __name__ == '__main__':
    main(*sys.argv[1:4])
