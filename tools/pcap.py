"""UDP datagrams from a classic pcap file (tcpdump's default format), for the tools that read captures of loopback
(tools/align/capture-truth.py, tools/perf/sip-acks.py): no library needed.

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
    import pcap
    for at, source_port, destination_port, payload in pcap.udp_datagrams(path): ...
"""
import struct


def udp_datagrams(path):
    """(epoch seconds, source port, destination port, payload bytes) of every IPv4 UDP datagram, in capture order;
    Ethernet framing (tcpdump -i lo) or Linux cooked (-i any)."""
    with open(path, 'rb') as capture:
        header = capture.read(24)
        magic = struct.unpack('<I', header[:4])[0]
        order = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
        nanos = magic in (0xa1b23c4d, 0x4d3cb2a1)
        framing = 14 if struct.unpack(order + 'I', header[20:24])[0] == 1 else 16
        while True:
            record = capture.read(16)
            if len(record) < 16:
                return
            seconds, fraction, length, _ = struct.unpack(order + 'IIII', record)
            ip = capture.read(length)[framing:]
            if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 17:
                continue
            udp = (ip[0] & 0x0F) * 4
            source, destination = struct.unpack('>HH', ip[udp:udp + 4])
            yield seconds + fraction / (1e9 if nanos else 1e6), source, destination, ip[udp + 8:]
