#!/usr/bin/env python3
"""Whether this kernel counts in its UDP error counters the drops it makes when UDP memory runs short.

Fills unread UDP sockets on 127.0.0.1 until datagrams are dropped, first with the host's UDP memory limits
(each socket's own buffer fills), then with net.ipv4.udp_mem lowered for a moment (the namespace's UDP memory fills
first), and prints, for each, the drops in the sockets' own counts (/proc/net/udp6, the `drops` column) beside what
/proc/net/snmp's RcvbufErrors, InErrors and MemErrors moved by. On Linux 6.18 the second case's drops are in the
sockets' counts and nearly all missing from the counters (docs/performance.md, series BB).

Run as root on a machine where nothing else needs UDP for the second it runs: udp_mem is lowered for everyone, and
put back as it was before the script ends (also on error). Usage: sudo python3 tools/perf/udp-mem-drops.py
"""
import os
import socket
import sys

UDP_MEM = "/proc/sys/net/ipv4/udp_mem"
SOCKETS = 20
DATAGRAMS = 3000


def counters():
    rows = [line.split() for line in open("/proc/net/snmp") if line.startswith("Udp:")]
    return dict(zip(rows[0][1:], map(int, rows[1][1:])))


def socket_drops(ports):
    wanted = {"%04X" % port for port in ports}
    total = 0
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        for line in open(table).readlines()[1:]:
            fields = line.split()
            if fields[1].rsplit(":", 1)[1] in wanted:
                total += int(fields[-1])
    return total


def fill(label):
    receivers = []
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    before = counters()
    for _ in range(SOCKETS):
        receiver = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)  # dual-stack, as the JDK opens them
        receiver.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        receiver.bind(("::ffff:127.0.0.1", 0))
        receivers.append(receiver)
        for _ in range(DATAGRAMS):
            sender.sendto(b"\x80" * 172, ("127.0.0.1", receiver.getsockname()[1]))
    after = counters()
    drops = socket_drops([r.getsockname()[1] for r in receivers])
    memory = [line.strip() for line in open("/proc/net/sockstat") if line.startswith("UDP:")][0]
    print("%-34s sockets' drops %7d | RcvbufErrors +%d, InErrors +%d, MemErrors +%d | %s" % (
        label, drops, after["RcvbufErrors"] - before["RcvbufErrors"], after["InErrors"] - before["InErrors"],
        after["MemErrors"] - before["MemErrors"], memory))
    for receiver in receivers:
        receiver.close()
    sender.close()


def main():
    if os.geteuid() != 0:
        sys.exit("needs root: it lowers net.ipv4.udp_mem for a moment")
    print("kernel", os.uname().release, "udp_mem", open(UDP_MEM).read().split())
    fill("host limits (each buffer fills)")
    original = open(UDP_MEM).read()
    try:
        with open(UDP_MEM, "w") as limits:
            limits.write("500 1000 1500")
        fill("udp_mem 500 1000 1500 pages")
    finally:
        with open(UDP_MEM, "w") as limits:
            limits.write(original)
    print("udp_mem back to", open(UDP_MEM).read().split())


if __name__ == "__main__":
    main()
