#!/usr/bin/env bash
# The checkout's launchers (bin/jfrps, bin/jfrpc) with their class-data-sharing archives and JVM
# options that turn on JVMTI's class-file-load hook at start: the Flight Recorder
# (JAVA_OPTS=-XX:StartFlightRecording=...) and a -javaagent. On Java 17 archives holding
# method-handle species crashed jfrpc at start in three runs of three (SIGSEGV in
# KlassFactory::check_shared_class_file_load_hook; scripts/make-cds.sh leaves them out). For each
# option: jfrps and jfrpc start with their archives mapped, jfrpc's tcp proxy opens, and 1 MiB comes
# back through it unchanged on 4 connections. Builds the jars and archives first if they are missing
# (minutes); then some 20-60 s. Also: an archive made for another class path counts as stale. Exit 0
# when every run served.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PROBE="$ROOT/packaging/test/probe.py"
# shellcheck source=scripts/lib/process-probes.sh
source "$ROOT/scripts/lib/process-probes.sh"
scratch_with_cleanup jvmti 2
ok() { echo "ok - $*"; }
fail() { echo "FAIL - $*" >&2; exit 1; }

# Jars and archives made (or found fresh) by a launcher, outside the timed runs.
timeout 900 "$ROOT/bin/jfrpc" --version >"$work/prepare.log" 2>&1 || { cat "$work/prepare.log" >&2; fail "bin/jfrpc --version"; }
for prog in jfrps jfrpc; do
  [[ -s "$ROOT/target/cds/$prog.jsa" ]] || fail "no target/cds/$prog.jsa (log: target/jfrp-cds.log)"
done

# An archive made for another class path (a copied or moved checkout: the JVM would refuse it and
# start without) is stale to the launcher, so that its next start makes it again. Checked on a copy.
mkdir -p "$work/cds"
cp -p "$ROOT/target/cds/jfrpc.jsa" "$ROOT/target/cds/jfrpc.jsa.classpath" "$work/cds/"
cds_stale() { (source "$ROOT/bin/lib/jfrp-launch.sh" && JFRP_CDS_DIR="$work/cds" && jfrp_cds_stale jfrpc); }
cds_stale && fail "the fresh jfrpc archive counts as stale"
sed -i 's#^#/moved#' "$work/cds/jfrpc.jsa.classpath"
touch -r "$ROOT/target/cds/jfrpc.jsa.classpath" "$work/cds/jfrpc.jsa.classpath"
cds_stale || fail "an archive made for another class path counts as fresh"
ok "an archive made for another class path is made again"

# A do-nothing agent that registers a class-file transformer, as instrumenting agents do.
mkdir -p "$work/agent"
cat >"$work/agent/Agent.java" <<'EOF'
public class Agent {
    public static void premain(String args, java.lang.instrument.Instrumentation inst) {
        inst.addTransformer(new java.lang.instrument.ClassFileTransformer() {}, true);
    }
}
EOF
printf 'Premain-Class: Agent\nCan-Retransform-Classes: true\n' >"$work/agent/manifest"
jdk_bin="$(readlink -f "$(command -v java)")" && jdk_bin="${jdk_bin%/*}"
(cd "$work/agent" && "$jdk_bin/javac" Agent.java && "$jdk_bin/jar" cfm agent.jar manifest Agent*.class) \
  || fail "could not build the test agent"

echo_port=$(free_port)
python3 "$PROBE" echo-server "$echo_port" &
pids+=($!)
await_port "$echo_port" "$!" 1000 || fail "the echo service did not start"

# run LABEL JAVA_OPTS: one tunnel through the launchers with JAVA_OPTS.
run() {
  local label="$1" opts="$2" dir="$work/$3" bind remote spid cpid prog pid token="jvmti-$RANDOM$RANDOM"
  mkdir -p "$dir" "$work/jfr"
  bind=$(free_port "$echo_port") && remote=$(free_port "$echo_port" "$bind") || fail "no free ports"
  printf 'bindAddr = "127.0.0.1"\nbindPort = %s\nproxyBindAddr = "127.0.0.1"\nauth.token = "%s"\njfrp.selfSignedDir = "%s"\n' \
    "$bind" "$token" "$work/tls" >"$dir/frps.toml"
  printf 'serverAddr = "127.0.0.1"\nserverPort = %s\nauth.token = "%s"\n\n[[proxies]]\nname = "echo"\ntype = "tcp"\nlocalIP = "127.0.0.1"\nlocalPort = %s\nremotePort = %s\n' \
    "$bind" "$token" "$echo_port" "$remote" >"$dir/frpc.toml"
  # From $dir, where a crashing JVM writes its hs_err_pid*.log.
  (cd "$dir" && JAVA_OPTS="$opts" exec "$ROOT/bin/jfrps" -c "$dir/frps.toml") >"$dir/jfrps.log" 2>&1 &
  spid=$!
  pids+=("$spid")
  await_port "$bind" "$spid" 1200 0.1 || { tail -n 30 "$dir/jfrps.log" >&2; fail "$label: jfrps did not listen"; }
  (cd "$dir" && JAVA_OPTS="$opts" exec "$ROOT/bin/jfrpc" -c "$dir/frpc.toml") >"$dir/jfrpc.log" 2>&1 &
  cpid=$!
  pids+=("$cpid")
  await_port "$remote" "$cpid" 1200 0.1 \
    || { tail -n 30 "$dir/jfrpc.log" >&2; fail "$label: jfrpc's proxy did not open"; }
  timeout 60 python3 "$PROBE" echo-check "$remote" 1048576 4 >"$dir/echo.log" 2>&1 \
    || { cat "$dir/echo.log" "$dir/jfrpc.log" >&2; fail "$label: echo through the tunnel"; }
  for pid in "$spid:jfrps" "$cpid:jfrpc"; do
    prog="${pid#*:}" pid="${pid%%:*}"
    grep -q "$ROOT/target/cds/$prog.jsa" "/proc/$pid/maps" || fail "$label: $prog did not map target/cds/$prog.jsa"
  done
  kill -TERM "$cpid" "$spid"
  wait "$cpid" "$spid" 2>/dev/null || true
  ok "$label: both started with their archives and served ($(cat "$dir/echo.log"))"
}

run "JFR at start" "-XX:StartFlightRecording=settings=profile -XX:FlightRecorderOptions=repository=$work/jfr" jfr
run "-javaagent" "-javaagent:$work/agent/agent.jar" agent
