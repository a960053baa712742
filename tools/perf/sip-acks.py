#!/usr/bin/env python3
"""How each SIP session's INVITE, 200 OK and ACK met on the wire, from a capture of the recorder's SIP port:

    tcpdump -i lo -s 0 -w /tmp/sip.pcap 'udp port 5060'      # beside a load run (ab-run.sh), stopped after it
    tools/perf/sip-acks.py /tmp/sip.pcap [since-epoch-seconds]

Per Call-ID: the first INVITE, every 200 OK to it and every ACK. It prints INVITE -> 200 and 200 -> first ACK as seen
on the wire, and how many sessions had their 200 sent again, split by whether the peer's ACK was already on the wire
before the repeat (the recorder did not take it) or not (the ACK was late or lost). With a start time, only sessions
whose INVITE came after it count (e.g. the measured run of ab-run.sh, not its warm-up). Reads classic pcap (tcpdump's
default) through tools/pcap.py.
"""
import collections
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import pcap  # noqa: E402 (tools/pcap.py)

CALL_ID = re.compile(r'\r\n(?:Call-ID|i)\s*:\s*(\S+)', re.I)
CSEQ = re.compile(r'\r\nCSeq\s*:\s*\d+\s+(\w+)', re.I)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float('nan')


def main():
    since = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
    sessions = collections.defaultdict(lambda: collections.defaultdict(list))
    for at, _, _, payload in pcap.udp_datagrams(sys.argv[1]):
        text = payload.decode('latin-1')
        call_id, cseq = CALL_ID.search(text), CSEQ.search(text)
        if not call_id or not cseq:
            continue
        first = text.split('\r\n', 1)[0]
        if first.startswith('SIP/2.0 200') and cseq.group(1) == 'INVITE':
            sessions[call_id.group(1)]['ok'].append(at)
        elif first.startswith('INVITE ') or first.startswith('ACK '):
            sessions[call_id.group(1)][first.split(' ', 1)[0]].append(at)
    answered, acked, repeated_after_ack, repeated_without_ack = [], [], [], 0
    for moments in sessions.values():
        invites, oks, acks = moments.get('INVITE'), moments.get('ok'), moments.get('ACK', [])
        if not invites or not oks or invites[0] < since:
            continue
        answered.append((oks[0] - invites[0]) * 1000)
        if acks:
            acked.append((acks[0] - oks[0]) * 1000)
        if len(oks) > 1:
            if acks and acks[0] < oks[1]:
                repeated_after_ack.append((acks[0] - oks[0]) * 1000)
            else:
                repeated_without_ack += 1
    print('sessions answered 200: %d' % len(answered))
    if not answered:
        return
    print('INVITE -> 200 on the wire: p50 %.1f ms, p99 %.1f ms, max %.1f ms'
          % (percentile(answered, .5), percentile(answered, .99), max(answered)))
    if acked:
        print('200 -> first ACK on the wire: p50 %.2f ms, p99 %.2f ms, max %.1f ms'
              % (percentile(acked, .5), percentile(acked, .99), max(acked)))
    print('200 sent again: %d sessions with the ACK already on the wire (ACK %.1f-%.1f ms after the 200), '
          '%d without' % (len(repeated_after_ack), min(repeated_after_ack, default=0),
                          max(repeated_after_ack, default=0), repeated_without_ack))


if __name__ == '__main__':
    main()
