#!/usr/bin/env python3
"""A call's setup and end in a Java Flight Recording (ab-run.sh with PROFILE=jfr), by entry and by library
(docs/performance.md, series BK):

    tools/perf/jfr-entries.py <window.jfr>                  # samples by entry, each split by library
    tools/perf/jfr-entries.py <window.jfr> <prefix> [N]     # the samples with a frame starting with prefix: the N
                                                            # methods under that prefix most often on their stacks,
                                                            # and the first recorder or Hibernate frame that called in

The entry of a sample is the outermost of the recorder's methods listed in ENTRIES on its stack (a transaction's
commit runs after the method returns, so those samples count under their thread's name in parentheses); its library
is that of the innermost frame outside the JDK. Only the window's events count (window.txt, as jfr-split.py).
"""
import collections
import importlib.util
import os
import sys

_spec = importlib.util.spec_from_file_location(
    'jfr_split', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'jfr-split.py'))
jfr_split = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(jfr_split)

ENTRIES = ['StreamLifecycle.firstPacket', 'StreamLifecycle.firstSampleSettled', 'StreamLifecycle.streamClosed',
           'StreamIntakeService.openSession', 'StreamIntakeService.handOffStreamEnd', 'StreamIntakeService.endStream',
           'OutboxRelay', 'RecordingSweep', 'activerecorder.sip', 'activerecorder.rtp', 'activerecorder']
LIBRARIES = [('org.hibernate', 'Hibernate'), ('org.h2', 'H2'), ('com.arjuna', 'Narayana'),
             ('org.wildfly.transaction', 'Narayana'), ('org.jboss.jca', 'IronJacamar'), ('org.jboss.weld', 'Weld'),
             ('org.jboss.as', 'WildFly EE'), ('org.jboss.invocation', 'WildFly EE'), ('org.jboss.ejb', 'WildFly EE'),
             ('org.wildfly.security', 'Elytron'), ('org.apache.activemq', 'Artemis'), ('gov.nist', 'JAIN-SIP'),
             ('org.jboss.logmanager', 'logging'), ('org.jboss.logging', 'logging'), ('org.activerecorder', 'recorder'),
             ('io.netty', 'Netty')]
JDK = ('java.', 'jdk.', 'sun.', 'javax.', 'jakarta.')


def library(stack):
    for method in stack:
        if method.startswith(JDK):
            continue
        return next((name for prefix, name in LIBRARIES if method.startswith(prefix)), method.rsplit('.', 2)[0])
    return 'JDK only'


def by_entry(found):
    split = collections.defaultdict(collections.Counter)
    for event in found:
        stack = list(jfr_split.frames(event))
        thread = event['values']['sampledThread']
        entry = next((hit for method in reversed(stack) for hit in ENTRIES if hit in method), None)
        split[entry or '(' + jfr_split.group(thread.get('javaName') or thread.get('osName')) + ')'][library(stack)] += 1
    total = len(found)
    print(f'{total} samples')
    for entry, libraries in sorted(split.items(), key=lambda item: -sum(item[1].values())):
        count = sum(libraries.values())
        if count >= total / 200:
            print(f'{100 * count / total:5.1f} %  {entry}:  '
                  + ', '.join(f'{name} {100 * n / count:.0f} %' for name, n in libraries.most_common(8)))
    overall = collections.Counter()
    for libraries in split.values():
        overall.update(libraries)
    print('by library: ' + ', '.join(f'{name} {100 * n / total:.1f} %' for name, n in overall.most_common(14)))


def within(found, prefix, top):
    inclusive, callers, count = collections.Counter(), collections.Counter(), 0
    for event in found:
        stack = list(jfr_split.frames(event))
        inside = [i for i, method in enumerate(stack) if method.startswith(prefix)]
        if not inside:
            continue
        count += 1
        inclusive.update({stack[i] for i in inside})
        callers[next((m for m in stack[inside[-1] + 1:] if 'activerecorder' in m or 'hibernate' in m), '?')] += 1
    print(f'{count} of {len(found)} samples with a frame starting with {prefix}')
    for method, n in inclusive.most_common(top):
        print(f'{100 * n / count:5.1f} %  {method}')
    print('-- entered from')
    for method, n in callers.most_common(12):
        print(f'{100 * n / count:5.1f} %  {method}')


if __name__ == '__main__':
    # the whole stack: a sample's entry is its outermost recorder method, past jfr-split.py's 96 frames
    events = jfr_split.events(sys.argv[1], 'jdk.ExecutionSample', depth=400)
    if len(sys.argv) > 2:
        within(events, sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 30)
    else:
        by_entry(events)
