# Sourced by ab-run.sh and api-cost.sh (run from the repository's root): the README's server, with one EAR deployed on
# a fresh data folder.
S=wildfly-config/target/server

# Deletes the server's data folder (recordings, database, broker journal, transaction log) and deploys EAR $1.
fresh_server() {
  rm -rf $S/standalone/data/recordings $S/standalone/data/recorder $S/standalone/data/activemq $S/standalone/data/tx-object-store
  rm -f $S/standalone/deployments/recorder.ear.*; cp "$1" $S/standalone/deployments/recorder.ear
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
