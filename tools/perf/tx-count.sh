#!/bin/bash
# Series BL (docs/performance.md): the transactions the server commits per call. Starts the README's server with the
# EAR given on a fresh data folder, turns on the transactions subsystem's statistics (jboss-cli), plays the load tool's
# calls (default 200 calls of 10 s at 50 a second, long enough for every stream's first sample to settle; LOAD
# replaces the options) and prints the commits over the run, its seconds and the commits of the 30 s idle after it
# (the sweeps' and the outbox relay's polls), then stops the server by its PID. Run from the repository's root with
# the server built and nothing else on its ports; it deletes the server's data folder first.
#
#   tools/perf/tx-count.sh A1 /tmp/before.ear; tools/perf/tx-count.sh B1 recorder-ear/target/recorder.ear
#
# Commits a call = (commits - idle * seconds / 30) / calls. The load tool's own reads (its look-up of each call's
# recording through the API) are among them.
#
# SQL=1 (series BM) also counts the statements: H2 traces every statement it runs to the database's trace file
# (TRACE_LEVEL_FILE=2, set on the datasource's URL and the server reloaded before the load), and the script prints the
# statements (COMMITs apart) over the run ($D/statements.sql) and in the idle after it, and the run's by kind
# ($D/statements.txt: each statement's first 70 characters, counted). Statements a call = (statements - idle *
# seconds / 30) / calls. The trace costs time of its own: compare counts, not the run's speed. The URL is written back
# before the server stops (before that, the trace stayed in the server's configuration for every later run).
#
# On PostgreSQL (series BS: run it in a clone whose server was built with -Drecorder.database=postgresql, as root, with
# RECORDER_DB_URL, RECORDER_DB_USER and RECORDER_DB_PASSWORD exported; the database is dropped and made again first),
# SQL=1 has PostgreSQL log the role's statements instead (ALTER ROLE ... SET log_statement = 'all' before the start,
# reset at the end) and counts them in its log (PG_LOG, default Debian's for cluster 15 main); BEGIN and COMMIT are
# left out of the count as COMMIT is on H2, and counted apart.
set -u
HERE=$(dirname "$0")
. "$HERE/server.sh"
L=$1 EAR=$2 D=${OUT:-/tmp/tx-count}/$1
LOAD=${LOAD:---calls 200 --rate 50 --call-seconds 10 --no-wav-check}
rm -rf "$D"; mkdir -p "$D"
PG=; [[ ${RECORDER_DB_URL:-} == jdbc:postgresql://* ]] && PG=1
pg_role() { pg_admin -c "alter role \"$RECORDER_DB_USER\" $1"; }
fresh_server "$EAR"
[ "${SQL:-0}" = 1 ] && [ -n "$PG" ] && pg_role "set log_statement = 'all'"   # the pool's connections are made after
$S/bin/standalone.sh > "$D/server.out" 2>&1 &
JPID=$(await_server)
PW=$S/standalone/data/recorder/initial-admin-password
cli() { $S/bin/jboss-cli.sh --connect --commands="$1" 2>/dev/null; }
commits() { cli "/subsystem=transactions:read-attribute(name=number-of-committed-transactions)" | grep result | tr -dc 0-9; }
cli "/subsystem=transactions:write-attribute(name=statistics-enabled,value=true)" > /dev/null
TRACE=$S/standalone/data/recorder/recorder.trace.db
if [ "${SQL:-0}" = 1 ] && [ -z "$PG" ]; then
  url=$(cli "/subsystem=datasources/data-source=RecorderDS:read-attribute(name=connection-url)" | grep result \
    | sed -e 's/.*expression "//' -e 's/"$//')
  cli "/subsystem=datasources/data-source=RecorderDS:write-attribute(name=connection-url,value=\"$url;TRACE_LEVEL_FILE=2;TRACE_MAX_FILE_SIZE=4000\"),reload" > /dev/null
  await_server > /dev/null
fi
[ -n "$PG" ] && TRACE=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
size() { if [ -f "$TRACE" ]; then stat -c %s "$TRACE"; else echo 0; fi; }
# what was written to the trace (or PostgreSQL's log) between byte offsets $1 and $2
traced() { tail -c +$(($1 + 1)) "$TRACE" | head -c $(($2 - $1)); }
# the statements (not the COMMITs, nor on PostgreSQL the BEGINs) traced between byte offsets $1 and $2
if [ -n "$PG" ]; then
  statements() { traced "$1" "$2" | grep -a 'LOG:  \(statement\|execute [^:]*\): ' | grep -av ': \(BEGIN\|COMMIT\)$' ; }
  statement_text() { sed -e 's/.*LOG:  [a-z]*[^:]*: //'; }
else
  statements() { traced "$1" "$2" | grep -a '^/\*SQL' | grep -av '\*/COMMIT;' ; }
  statement_text() { sed -e 's/^\/\*SQL[^*]*\*\///' -e 's/ {[0-9]*: .*//'; }
fi
sleep 2
c0=$(commits); s0=$(date +%s); t0=$(size)
java -jar recorder-load/target/recorder-load.jar --password-file $PW $LOAD --label "$L" > "$D/load.txt" 2>&1
sleep 5
c1=$(commits); s1=$(date +%s); t1=$(size)
sleep 30
c2=$(commits); t2=$(size)
echo "$L: $((c1 - c0)) commits in $((s1 - s0)) s; $((c2 - c1)) in the 30 s idle after;" \
  "$(grep -o 'recordings: {[^}]*}' "$D/load.txt" | tail -1)"
if [ "${SQL:-0}" = 1 ]; then
  statements "$t0" "$t1" > "$D/statements.sql"  # the run's, read once from the trace
  statement_text < "$D/statements.sql" | cut -c1-70 | sort | uniq -c | sort -rn > "$D/statements.txt"
  echo "$L: $(wc -l < "$D/statements.sql") statements in $((s1 - s0)) s; $(statements "$t1" "$t2" | wc -l) in the 30 s" \
    "idle after ($D/statements.txt)"
  if [ -n "$PG" ]; then
    echo "$L: $(traced "$t0" "$t1" | grep -ac 'LOG:  \(statement\|execute [^:]*\): BEGIN$') transactions begun in the run"
    pg_role "reset log_statement"
  else
    # the URL as it was: the server's configuration keeps what was written, and a later run on it would be traced
    cli "/subsystem=datasources/data-source=RecorderDS:write-attribute(name=connection-url,value=\"$url\")" > /dev/null
  fi
fi
kill "$JPID"
while kill -0 "$JPID" 2>/dev/null; do sleep 1; done
