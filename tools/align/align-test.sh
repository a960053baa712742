#!/usr/bin/env bash
# Measures the recorder's alignment of the two parties of a call against known send times (see README.md here):
# N two-party calls opened with the shared Media Server simulator, both parties of every call streamed by one
# paced sender thread, each customer a known offset after its agent; then the recorded offsets (by firstSampleAt
# and by the WAV) are compared with the sent ones. Needs the server running (the README's run command), Maven
# and Java 17.
#
#   tools/align/align-test.sh [-n calls (10)] [-s seconds per party (20)] [-t seconds to start them over (10)]
#                             [-o max customer offset ms (500)] [-r sip-host:port] [-a http://host:port]
#                             [-p admin-password-file] [-P server-pid] [-w workdir] [-c calluuid-prefix] [-x seed]
#                             [-i invite-lead-ms: each INVITE that long before its party's first packet, during the
#                                 other calls' media; default: all sessions opened first]
#
# The server's PID (for its CPU) is found with pgrep when -P is not given.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [ "${args[$i]}" = "-w" ] && work=${args[$((i + 1))]}
done
mkdir -p "$work/lib"

# The simulator and tone tools (recorder-test-support), JAIN-SIP with the log4j 1.x classes it needs (reload4j), and
# a JSON reader (Parsson): the test support's own classpath plus three artifacts, all from the Maven repository.
mvn=(mvn -B -q -Dstyle.color=never -f "$root/pom.xml" ${MAVEN_OFFLINE:+-o})
"${mvn[@]}" -pl recorder-test-support package -DskipTests
"${mvn[@]}" -pl recorder-test-support dependency:build-classpath -Dmdep.outputFile="$work/classpath"
for artifact in ch.qos.reload4j:reload4j:1.2.25 org.eclipse.parsson:parsson:1.1.9 jakarta.json:jakarta.json-api:2.1.3; do
  "${mvn[@]}" -pl recorder-test-support dependency:copy -Dartifact="$artifact" -DoutputDirectory="$work/lib"
done
classpath="$root/recorder-test-support/target/classes:$(cat "$work/classpath"):$(ls "$work"/lib/*.jar | tr '\n' ':')"

pid_args=()
if ! printf '%s\n' "$@" | grep -qx -- -P; then
  pid=$(pgrep -f 'org.jboss.as.standalone' | head -1 || true)
  [ -n "$pid" ] && pid_args=(-P "$pid")
fi
password=(-p "$root/wildfly-config/target/server/standalone/data/recorder/initial-admin-password")
printf '%s\n' "$@" | grep -qx -- -p && password=()

cd "$root"
exec java -Xmx1g -cp "$classpath" "$here/AlignCheck.java" -w "$work" "${password[@]}" "${pid_args[@]}" "$@"
