#!/usr/bin/env python3
"""Where a running recorder's CPU goes, from a perf recording of its process.

Usage (the server started by the README's run command, under load, e.g. by recorder-load):
    perf record -g -F 499 -p <server pid> -o perf.data -- sleep 12
    jcmd <server pid> Compiler.perfmap          # names the JIT-compiled Java methods (/tmp/perf-<pid>.map)
    perf script -i perf.data -F comm,tid,ip,sym > perf.txt
    tools/perf/cpu-split.py perf.txt

Each sample is put in one class: by the kernel function on its stack (a file write, a UDP receive, epoll_wait...)
when it was taken in the kernel, else by the Java or native frame it was taken in; and under its thread, with the
thread's number removed (the two receive loops are one line). Shares are of all the process's samples.
"""
import collections
import re
import sys

KERNEL_CLASSES = [
    ('file write (kernel)', ('pwrite64', 'vfs_write')),
    ('file read (kernel)', ('pread64', 'vfs_read')),
    ('UDP receive (kernel)', ('recvfrom', 'recvmsg')),
    ('epoll_wait and the sleep in it (kernel)', ('epoll_wait',)),
    ('fsync (kernel)', ('fsync', 'fdatasync')),
    ('open, close, stat (kernel)', ('openat', 'do_sys_open', 'sys_close', 'newfstat', 'statx', 'unlink', 'rename')),
]


def classify(frames):
    """The class of one sample; frames[0] is where it was taken."""
    stack = ' '.join(frames)
    for name, marks in KERNEL_CLASSES:
        if any(mark in stack for mark in marks):
            return name
    if 'entry_SYSCALL' in stack:
        return 'other system calls'
    if 'irq' in stack:
        return 'interrupts'
    leaf = frames[0]
    if 'activerecorder' in leaf:
        return 'Java: the recorder'
    if 'sun.nio' in leaf or 'java.nio' in leaf:
        return 'Java: JDK NIO'
    if re.search(r'\b(java|jdk|javax|jakarta|org|com|io)\.', leaf):
        return 'Java: JDK and libraries'
    if re.search(r'Phase|Compile|Node::|IndexSet|Chaitin|Matcher|ciMethod', leaf):
        return 'JIT compiler'
    return 'JVM and other native'


def samples(lines):
    """(thread, frames) per sample of `perf script -F comm,tid,ip,sym` output."""
    thread, frames = None, []
    for line in lines:
        if not line.strip():
            continue
        if line[0] not in ' \t':
            if frames:
                yield thread, frames
            head = re.match(r'^(.*?)\s+\d+\s*$', line.rstrip())
            thread, frames = (head.group(1) if head else line.strip()), []
        else:
            parts = line.strip().split(None, 1)
            frames.append(parts[1] if len(parts) > 1 else parts[0])
    if frames:
        yield thread, frames


def main(path):
    by_thread = collections.Counter()
    by_class = collections.Counter()
    total = 0
    with open(path, errors='replace') as text:
        for thread, frames in samples(text):
            group = re.sub(r'\d+$', 'N', thread)
            by_thread[group] += 1
            by_class[(group, classify(frames))] += 1
            total += 1
    print(f'{total} samples')
    for group, count in by_thread.most_common():
        if count * 100 / total < 0.5:
            break
        print(f'{count * 100 / total:5.1f} %  {group}')
        for (owner, name), share in by_class.most_common():
            if owner == group and share * 100 / total >= 0.5:
                print(f'          {share * 100 / total:5.1f} %  {name}')


if __name__ == '__main__':
    main(sys.argv[1])
