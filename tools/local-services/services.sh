#!/usr/bin/env bash
# Native (no Docker) Kafka broker (KRaft, single node) + Confluent-compatible
# Schema Registry (Apicurio Registry, ccompat API) for tests, CI and local dev.
#
#   services.sh fetch                    download into .cache/ (idempotent)
#   services.sh start [kafka|registry]   start (both by default), print env
#   services.sh stop  [kafka|registry]   stop (both by default), drop data
#   services.sh restart-kafka            stop the broker gracefully and start it again on the
#                                        same port and data (for broker-restart tests)
#   services.sh status                   show what is running
#   services.sh env                      print .run/env
#
# LOCAL_SERVICES_RUN_DIR (default: .run next to this script) holds pids, ports, logs and data: a
# test that restarts a broker points it at its own directory and leaves the shared one alone.
#
# Needs: java 17+ (java 21+ for the newest registry), mvn, node, curl. See README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$HERE/.cache"
RUN="${LOCAL_SERVICES_RUN_DIR:-$HERE/.run}"

pom_prop() { sed -n "s:.*<$2>\(.*\)</$2>.*:\1:p" "$1" | head -n1; }

java_major() { # java binary -> its feature version (17, 21, 25, ...)
  # The JDK's release file when there is one: starting a JVM to ask costs seconds on a busy machine.
  local path home
  path="$(command -v "$1")" || return 0
  home="$(dirname "$(dirname "$(readlink -f "$path")")")"
  if [ -f "$home/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release"
  else
    "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
  fi
}

# The registry's JVM: REGISTRY_JAVA if set, else `java` on PATH if it is 21+, else the newest 21+
# JDK under /usr/lib/jvm, else `java` (17): Apicurio 3.3.x needs 21, 3.0.9 runs on 17.
registry_java() {
  [ -n "${REGISTRY_JAVA:-}" ] && { echo "$REGISTRY_JAVA"; return 0; }
  local best=java best_major candidate major
  best_major="$(java_major java)"
  for candidate in /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major="$(java_major "$candidate")"
    [ -n "$major" ] && [ "$major" -gt "${best_major:-0}" ] && { best="$candidate"; best_major="$major"; }
  done
  echo "$best"
}

KAFKA_VERSION="${KAFKA_VERSION:-$(pom_prop "$HERE/kafka/pom.xml" kafka.version)}"
KAFKA_MAJOR="${KAFKA_VERSION%%.*}"
# Kafka 4 logs through Log4j 2, Kafka 3 through the Log4j 1 API (reload4j): the Maven profile picks
# the backend, and each reads its own configuration file.
if [ "$KAFKA_MAJOR" -ge 4 ]; then
  KAFKA_PROFILE=kafka4
  KAFKA_LOG_CONFIG="-Dlog4j2.configurationFile=file:$HERE/kafka/log4j2.properties"
  KAFKA_TOOLS_LOG_CONFIG="-Dlog4j2.configurationFile=file:$HERE/kafka/log4j2-tools.properties"
else
  KAFKA_PROFILE=kafka3
  KAFKA_LOG_CONFIG="-Dlog4j.configuration=file:$HERE/kafka/log4j.properties"
  KAFKA_TOOLS_LOG_CONFIG="-Dlog4j.configuration=file:$HERE/kafka/log4j-tools.properties"
fi
REGISTRY_JAVA_BIN="$(registry_java)"
if [ -z "${APICURIO_VERSION:-}" ]; then
  if [ "$(java_major "$REGISTRY_JAVA_BIN")" -ge 21 ] 2>/dev/null; then
    APICURIO_VERSION="$(pom_prop "$HERE/registry/pom.xml" apicurio.version)"
  else
    APICURIO_VERSION="$(pom_prop "$HERE/registry/pom.xml" apicurio.java17.version)"
  fi
fi
KAFKA_HOME="$CACHE/kafka-$KAFKA_VERSION"
REGISTRY_HOME="$CACHE/apicurio-registry-$APICURIO_VERSION"

KAFKA_HEAP="${KAFKA_HEAP:--Xms128m -Xmx512m}"
REGISTRY_HEAP="${REGISTRY_HEAP:--Xms64m -Xmx384m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
REGISTRY_START_TIMEOUT="${REGISTRY_START_TIMEOUT:-90}"
# Options shared by all our JVMs: small footprint, quick start on 2 cores
# (C1-only JIT: faster start-up, lower peak throughput; override if that matters).
read -r -a JVM_COMMON <<<"${LOCAL_SERVICES_JVM_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true}"
MVN=(mvn -B -q -Dstyle.color=never)

run_mvn() { # quiet unless it fails
  local out
  if ! out="$("${MVN[@]}" "$@" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "mvn $* failed"
  fi
}

log() { echo "[local-services] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- fetch ----
fetch_kafka() {
  [ -f "$KAFKA_HOME/.complete" ] && return 0
  log "fetching Kafka $KAFKA_VERSION via Maven (~/.m2) ..."
  rm -rf "$KAFKA_HOME.tmp"
  run_mvn -f "$HERE/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" -P "$KAFKA_PROFILE" \
    dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$KAFKA_HOME.tmp"
  ls "$KAFKA_HOME.tmp"/kafka_2.13-*.jar >/dev/null || die "Kafka jars missing after fetch"
  touch "$KAFKA_HOME.tmp/.complete"
  rm -rf "$KAFKA_HOME" && mv "$KAFKA_HOME.tmp" "$KAFKA_HOME"
}

fetch_registry() {
  [ -f "$REGISTRY_HOME/.complete" ] && return 0
  log "fetching Apicurio Registry $APICURIO_VERSION via Maven (~/.m2) ..."
  local dl="$CACHE/dl-registry"
  rm -rf "$dl" "$REGISTRY_HOME.tmp"
  run_mvn -f "$HERE/registry/pom.xml" -Dapicurio.version="$APICURIO_VERSION" \
    dependency:copy -DoutputDirectory="$dl"
  mkdir -p "$REGISTRY_HOME.tmp"
  tar -xzf "$dl"/apicurio-registry-app-*.tar.gz -C "$REGISTRY_HOME.tmp"
  rm -rf "$dl"
  registry_jar "$REGISTRY_HOME.tmp" >/dev/null || die "no runnable jar in Apicurio archive"
  touch "$REGISTRY_HOME.tmp/.complete"
  rm -rf "$REGISTRY_HOME" && mv "$REGISTRY_HOME.tmp" "$REGISTRY_HOME"
}

# 3.0.x ships a legacy-jar (…-runner.jar + lib/); later ones a fast-jar (quarkus-run.jar).
registry_jar() {
  local d="$1" j
  for j in "$d"/quarkus-run.jar "$d"/*-runner.jar; do
    [ -f "$j" ] && { echo "$j"; return 0; }
  done
  return 1
}

# ---------------------------------------------------------------- helpers --
is_running() { # name
  local pidf="$RUN/$1.pid"
  [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null
}

free_ports() { # n -> n distinct free ports on 127.0.0.1, one per line
  node -e '
    const net = require("net"); const n = +process.argv[1]; const srvs = [];
    (function next() {
      // Not console.log: with FORCE_COLOR set (as under a test runner) it prints numbers in ANSI colors.
      if (srvs.length === n) { srvs.forEach(s => { process.stdout.write(s.address().port + "\n"); s.close(); }); return; }
      const s = net.createServer(); s.listen(0, "127.0.0.1", () => { srvs.push(s); next(); });
    })();' "$1"
}

port_open() { # port
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Real protocol check: Metadata v0 request, succeed if >=1 broker is returned.
kafka_metadata_ok() { # port
  node -e '
    const sock = require("net").connect(+process.argv[1], "127.0.0.1");
    const cid = Buffer.from("local-services-check");
    const body = Buffer.alloc(2 + 2 + 4 + 2 + cid.length + 4);
    let o = 0; o = body.writeInt16BE(3, o); o = body.writeInt16BE(0, o); o = body.writeInt32BE(1, o);
    o = body.writeInt16BE(cid.length, o); o += cid.copy(body, o); body.writeInt32BE(0, o); // all topics
    const len = Buffer.alloc(4); len.writeInt32BE(body.length);
    let buf = Buffer.alloc(0);
    const fail = () => process.exit(1);
    sock.setTimeout(3000, fail); sock.on("error", fail);
    sock.on("connect", () => sock.write(Buffer.concat([len, body])));
    sock.on("data", d => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 12) process.exit(buf.readInt32BE(8) >= 1 ? 0 : 1); // size, corrId, brokers[]
    });' "$1" 2>/dev/null
}

fail_with_log() { # name logfile msg
  log "ERROR: $3"
  log "---- last 40 lines of $2 ----"
  tail -n 40 "$2" >&2 || true
  stop_one "$1" quiet
  exit 1
}

write_env() {
  local f="$RUN/env"
  mkdir -p "$RUN"
  : >"$f.tmp"
  if is_running kafka; then
    echo "export KAFKA_BROKERS=127.0.0.1:$(cat "$RUN/kafka.port")" >>"$f.tmp"
  fi
  if is_running registry; then
    echo "export SCHEMA_REGISTRY_URL=http://127.0.0.1:$(cat "$RUN/registry.port")/apis/ccompat/v7" >>"$f.tmp"
  fi
  mv "$f.tmp" "$f"
}

# ---------------------------------------------------------------- kafka ----
launch_kafka() {
  local port="$1" cport="$2" dir="$RUN/kafka"
  rm -rf "$dir" && mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=1
default.replication.factor=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
EOF
  local cp="$KAFKA_HOME/*"
  local cluster_id
  # A base64url id may start with "-", which the storage tool would read as an option (Kafka's own
  # Uuid.randomUuid() redraws such ids for the same reason).
  cluster_id="$(node -e '
    let id;
    do id = require("crypto").randomBytes(16).toString("base64url"); while (id.startsWith("-"));
    process.stdout.write(id);')"
  : >"$RUN/kafka.log"
  java -Xmx128m "${JVM_COMMON[@]}" "$KAFKA_TOOLS_LOG_CONFIG" -cp "$cp" kafka.tools.StorageTool format \
    -t "$cluster_id" -c "$dir/server.properties" >"$RUN/kafka-format.log" 2>&1 \
    || fail_with_log kafka "$RUN/kafka-format.log" "KRaft storage format failed"
  echo "$port" >"$RUN/kafka.port"
  run_kafka
}

run_kafka() { # the broker process, on the configuration and data in $RUN/kafka
  # shellcheck disable=SC2086
  nohup java $KAFKA_HEAP "${JVM_COMMON[@]}" "$KAFKA_LOG_CONFIG" -cp "$KAFKA_HOME/*" kafka.Kafka "$RUN/kafka/server.properties" \
    >>"$RUN/kafka.log" 2>&1 </dev/null &
  echo $! >"$RUN/kafka.pid"
}

wait_kafka() {
  local port deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  port="$(cat "$RUN/kafka.port")"
  while :; do
    is_running kafka || fail_with_log kafka "$RUN/kafka.log" "Kafka exited during start-up"
    if grep -q "Kafka Server started" "$RUN/kafka.log" && port_open "$port" && kafka_metadata_ok "$port"; then
      return 0
    fi
    [ $SECONDS -lt $deadline ] || fail_with_log kafka "$RUN/kafka.log" "Kafka not ready after ${KAFKA_START_TIMEOUT}s"
    sleep 0.2
  done
}

# ------------------------------------------------------------- registry ----
launch_registry() {
  local port="$1" mport="$2" jar
  jar="$(registry_jar "$REGISTRY_HOME")"
  echo "$port" >"$RUN/registry.port"
  : >"$RUN/registry.log"
  # Defaults already give in-memory H2 SQL storage (apicurio.storage.kind=sql,
  # apicurio.storage.sql.kind=h2, jdbc:h2:mem:...). Shrink the pool and bind locally. Apicurio 3.3
  # also opens a management interface (health, metrics) on 0.0.0.0:9000, which a second registry on
  # the machine could not bind, and which its build fixes as enabled: give it a free port of its own.
  # shellcheck disable=SC2086
  nohup "$REGISTRY_JAVA_BIN" $REGISTRY_HEAP "${JVM_COMMON[@]}" \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=h2 \
    -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2 \
    -Dapicurio.datasource.jdbc.max-size=20 \
    -Dquarkus.http.access-log.enabled=false \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$mport" \
    -jar "$jar" >>"$RUN/registry.log" 2>&1 </dev/null &
  echo $! >"$RUN/registry.pid"
}

wait_registry() {
  local port deadline=$((SECONDS + REGISTRY_START_TIMEOUT))
  port="$(cat "$RUN/registry.port")"
  while :; do
    is_running registry || fail_with_log registry "$RUN/registry.log" "registry exited during start-up"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/apis/ccompat/v7/subjects" || true)" = 200 ]; then
      return 0
    fi
    [ $SECONDS -lt $deadline ] || fail_with_log registry "$RUN/registry.log" "registry not ready after ${REGISTRY_START_TIMEOUT}s"
    sleep 0.2
  done
}

# ------------------------------------------------------------- commands ----
send_term() { # name [quiet]
  local pidf="$RUN/$1.pid" pid
  [ -f "$pidf" ] || return 0
  pid="$(cat "$pidf")"
  if kill -0 "$pid" 2>/dev/null; then
    [ "${2:-}" = quiet ] || log "stopping $1 (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
  fi
}

reap() { # name [keep]: wait up to 15s after SIGTERM, then SIGKILL; drop state and data unless keep
  local name="$1" pidf="$RUN/$1.pid" pid
  if [ -f "$pidf" ]; then
    pid="$(cat "$pidf")"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop in 15s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
  [ "${2:-}" = keep ] && { rm -f "$pidf"; return 0; }
  rm -f "$pidf" "$RUN/$name.port"
  if [ "$name" = kafka ]; then rm -rf "$RUN/kafka"; fi
  return 0
}

stop_one() { send_term "$@"; reap "$1"; }

targets() { # [kafka|registry] -> list
  case "${1:-all}" in
    all | "") echo kafka registry ;;
    kafka | registry) echo "$1" ;;
    *) die "unknown service '$1' (expected kafka or registry)" ;;
  esac
}

cmd_fetch() {
  mkdir -p "$CACHE"
  local t
  for t in $(targets "${1:-}"); do "fetch_$t"; done
}

cmd_start() {
  local want t started=() ports t0=$SECONDS
  want="$(targets "${1:-}")"
  cmd_fetch "${1:-}"
  mkdir -p "$RUN"
  mapfile -t ports < <(free_ports 4)
  # Registry first: it starts in the background while Kafka storage is formatted.
  for t in registry kafka; do
    [[ " $want " == *" $t "* ]] || continue
    if is_running "$t"; then log "$t already running"; continue; fi
    stop_one "$t" quiet
    if [ "$t" = registry ]; then
      launch_registry "${REGISTRY_PORT:-${ports[2]}}" "${REGISTRY_MANAGEMENT_PORT:-${ports[3]}}"
    else
      launch_kafka "${KAFKA_PORT:-${ports[0]}}" "${KAFKA_CONTROLLER_PORT:-${ports[1]}}"
    fi
    started+=("$t")
  done
  for t in "${started[@]}"; do
    "wait_$t"
    log "$t ready on port $(cat "$RUN/$t.port") ($((SECONDS - t0))s since start)"
  done
  write_env
  cat "$RUN/env"
}

cmd_stop() {
  local t
  for t in $(targets "${1:-}"); do send_term "$t"; done # both shut down in parallel
  for t in $(targets "${1:-}"); do reap "$t"; done
  mkdir -p "$RUN"
  write_env
  if ! is_running kafka && ! is_running registry; then rm -f "$RUN/env"; fi
}

cmd_restart_kafka() {
  is_running kafka || die "kafka is not running in $RUN"
  local t0=$SECONDS
  send_term kafka
  reap kafka keep
  # Only lines of the new process count as "started".
  : >"$RUN/kafka.log"
  run_kafka
  wait_kafka
  log "kafka restarted on port $(cat "$RUN/kafka.port") ($((SECONDS - t0))s)"
}

cmd_status() {
  local t rc=0
  for t in kafka registry; do
    if is_running "$t"; then
      echo "$t: running (pid $(cat "$RUN/$t.pid"), port $(cat "$RUN/$t.port"), log $RUN/$t.log)"
    else
      echo "$t: stopped"; rc=3
    fi
  done
  return $rc
}

cmd_env() {
  [ -f "$RUN/env" ] || die "no $RUN/env: services not started"
  cat "$RUN/env"
}

case "${1:-}" in
  fetch) cmd_fetch "${2:-}" ;;
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  restart-kafka) cmd_restart_kafka ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *)
    echo "usage: $0 {fetch|start|stop} [kafka|registry] | restart-kafka | status | env" >&2
    exit 2
    ;;
esac
