# Sourced by ab-run.sh and api-cost.sh (run from the repository's root): the README's server, with one EAR deployed on
# a fresh data folder.
S=wildfly-config/target/server

# Deletes the server's data folder (recordings, database, broker journal, transaction log) and deploys EAR $1; a
# PostgreSQL database the server is given (RECORDER_DB_URL) is dropped and made again for RECORDER_DB_USER.
fresh_server() {
  fresh_database
  rm -rf $S/standalone/data/recordings $S/standalone/data/recorder $S/standalone/data/activemq $S/standalone/data/tx-object-store
  rm -f $S/standalone/deployments/recorder.ear.*; cp "$1" $S/standalone/deployments/recorder.ear
}

# With RECORDER_DB_URL naming a PostgreSQL database on this host (jdbc:postgresql://127.0.0.1:5432/recorder), drops it
# and makes it again, owned by RECORDER_DB_USER, as the postgres user (run as root): the migrations make the tables at
# the start. Nothing without such a URL (the server's embedded H2 is in its data folder).
fresh_database() {
  [[ ${RECORDER_DB_URL:-} =~ ^jdbc:postgresql://[^:/]+(:([0-9]+))?/([A-Za-z0-9_]+) ]] || return 0
  local db=${BASH_REMATCH[3]}
  pg_admin -c "drop database if exists \"$db\" with (force)" -c "create database \"$db\" owner \"${RECORDER_DB_USER:?}\""
}

# psql as the postgres user on the port RECORDER_DB_URL names (5432 if none), connected to the database "postgres".
pg_admin() {
  local port=5432
  [[ ${RECORDER_DB_URL:-} =~ ^jdbc:postgresql://[^:/]+:([0-9]+)/ ]] && port=${BASH_REMATCH[1]}
  runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"
}

# Waits (up to 180 s) until the console's login page answers, then 3 s more, and prints the server JVM's PID.
await_server() {
  local i
  for i in $(seq 1 180); do
    curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/login | grep -q 200 && break
    sleep 1
  done
  sleep 3
  pgrep -f "jboss-modules.jar.*$S" | head -1
}
