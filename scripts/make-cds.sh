#!/usr/bin/env bash
# Makes application class-data-sharing (AppCDS) archives for jfrps and jfrpc, so that they start
# from pre-parsed classes instead of reading, parsing and verifying the 4,000 to 5,000 classes they
# load on every start.
#
#   make-cds.sh --java JAVA --out DIR \
#               --server-cp CLASSPATH --server-main CLASS \
#               --client-cp CLASSPATH --client-main CLASS \
#               [--java-opt OPTION]...
#
# Writes DIR/jfrps.jsa and DIR/jfrpc.jsa, each with DIR/<program>.jsa.classpath holding the exact
# class path it was made for. A launcher passes -XX:SharedArchiveFile=DIR/<program>.jsa only when
# its own class path equals that file's content: on Java 17 an archive is valid only for the
# absolute jar paths it was made with (JDK-8279366 relaxed this in Java 20), so an archive is made
# where the jars will stay (the release's bin/jfrp-cds, the Debian package's postinst) and a moved
# installation simply runs without one. The JVM itself rejects an archive whose jars changed
# (size or modification time).
#
# How: a training run on 127.0.0.1 with -XX:DumpLoadedClassList: jfrps with a tcp port and an HTTP
# virtual-host port, jfrpc logging in with a tcp and an http proxy, one connection through the tcp
# proxy; both are then stopped with SIGTERM. Each program's list of loaded classes is then dumped
# (-Xshare:dump) into one static archive of the JDK's and the program's classes, which the program
# maps instead of the runtime's own lib/server/classes.jsa. One archive of what a program loads
# rather than the runtime's archive plus a dynamic one on top (-XX:ArchiveClassesAtExit): the
# runtime's holds some 1,300 classes a program never loads, and this JDK relocates every archive it
# maps, so all of an archive's pages are resident (docs/PERFORMANCE.md, "Memory and start-up"); a static dump
# also holds picocli's Java 5 classes, which a dynamic archive leaves out. The archives are then
# checked with -Xshare:on, which fails when an archive cannot be mapped.
# Ports: random free ones outside the ephemeral range (checked by connecting; retried on a clash).
#
# --java-opt: JVM options the launcher will also pass (e.g. -Djava.library.path=...), so the
# training loads the same classes the real runs do. Needs bash and coreutils only (it runs from a
# Debian postinst on a bare server) and scripts/lib/process-probes.sh (a release installs it beside
# this script). Exit 0 when both archives were made and checked.
set -euo pipefail

usage() { sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

java="" out="" server_cp="" server_main="" client_cp="" client_main=""
java_opts=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --java) java="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --server-cp) server_cp="$2"; shift 2 ;;
    --server-main) server_main="$2"; shift 2 ;;
    --client-cp) client_cp="$2"; shift 2 ;;
    --client-main) client_main="$2"; shift 2 ;;
    --java-opt) java_opts+=("$2"); shift 2 ;;
    -h|--help) usage ;;
    *) echo "make-cds.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
for v in java out server_cp server_main client_cp client_main; do
  [[ -n "${!v}" ]] || { echo "make-cds.sh: --${v//_/-} is required" >&2; usage; }
done
[[ -x "$java" ]] || { echo "make-cds.sh: $java is not an executable java" >&2; exit 1; }

# In a checkout the shared probes are in scripts/lib; a release installs them beside this script.
here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib/process-probes.sh
if [[ -r "$here/lib/process-probes.sh" ]]; then source "$here/lib/process-probes.sh"; else source "$here/process-probes.sh"; fi

mkdir -p "$out"
scratch_with_cleanup cds

# Stops process $1 with SIGTERM (a JVM then runs its shutdown hooks and dumps the archive) and
# waits up to 60 s for it.
stop() {
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 1 600); do
    kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  echo "make-cds.sh: process $1 did not stop within 60 s" >&2
  return 1
}

# One training run; 0 when both archives were written.
train() {
  local bind http remote token
  bind=$(free_port) && http=$(free_port "$bind") && remote=$(free_port "$bind" "$http") || return 1
  token="cds-training-$RANDOM$RANDOM"
  cat >"$work/frps.toml" <<EOF
bindAddr = "127.0.0.1"
bindPort = $bind
proxyBindAddr = "127.0.0.1"
vhostHTTPPort = $http
auth.token = "$token"
jfrp.selfSignedDir = "$work/tls"
EOF
  # The tcp proxy's local service is jfrps's own port: any open port will do, and this one is
  # known to be open, so the connection through the proxy is relayed both ways.
  cat >"$work/frpc.toml" <<EOF
serverAddr = "127.0.0.1"
serverPort = $bind
auth.token = "$token"

[[proxies]]
name = "cds-tcp"
type = "tcp"
localIP = "127.0.0.1"
localPort = $bind
remotePort = $remote

[[proxies]]
name = "cds-http"
type = "http"
localIP = "127.0.0.1"
localPort = $bind
customDomains = ["cds.invalid"]
EOF
  rm -f "$work/jfrps.classlist" "$work/jfrpc.classlist"
  "$java" "${java_opts[@]}" -XX:DumpLoadedClassList="$work/jfrps.classlist" \
    -cp "$server_cp" "$server_main" -c "$work/frps.toml" >"$work/jfrps.log" 2>&1 &
  local server=$!
  pids+=("$server")
  if ! await_port "$bind" "$server" 600 0.1; then
    stop "$server"; return 1
  fi
  "$java" "${java_opts[@]}" -XX:DumpLoadedClassList="$work/jfrpc.classlist" \
    -cp "$client_cp" "$client_main" -c "$work/frpc.toml" >"$work/jfrpc.log" 2>&1 &
  local client=$!
  pids+=("$client")
  local ok=0
  if await_port "$remote" "$client" 600 0.1; then
    # One connection through the tunnel: a few bytes out, whatever comes back, then close.
    (exec 3<>"/dev/tcp/127.0.0.1/$remote" && printf 'cds\n' >&3 && timeout 2 cat <&3 >/dev/null) 2>/dev/null || true
    sleep 1
  else
    ok=1
  fi
  stop "$client" || ok=1
  stop "$server" || ok=1
  # Both reaped: nothing left for the exit trap to kill (their PIDs may be reused).
  [[ $ok -eq 0 ]] && pids=()
  [[ $ok -eq 0 && -s "$work/jfrps.classlist" && -s "$work/jfrpc.classlist" ]]
}

made=""
for attempt in 1 2 3; do
  if train; then made=yes; break; fi
  echo "make-cds.sh: training run $attempt did not produce both class lists" >&2
done
if [[ -z "$made" ]]; then
  for f in "$work"/*.log; do echo "---- $(basename "$f")" >&2; tail -n 40 "$f" >&2; done
  exit 1
fi

# Dump each program's classes into its archive (-Xlog:cds=error: the dump lists every class of the
# list it leaves out, such as the few it cannot link), check that the archive maps (-Xshare:on makes
# a bad archive an error), then move it into place with the class path it belongs to.
# The method-handle species the training generated (java/lang/invoke/BoundMethodHandle$Species_*,
# their class lines and their @lambda-form-invoker [SPECIES_RESOLVE] lines) are left out: on Java 17
# a static archive holding them crashes any JVM started with JVMTI's class-file-load hook on
# (JFR at start, -XX:StartFlightRecording; a -javaagent) when it loads one, since such a class has
# no class file to give the hook (SIGSEGV in KlassFactory::check_shared_class_file_load_hook;
# JDK-8280767, fixed in Java 19). A run generates the few it needs (some 25) instead.
for prog in jfrps jfrpc; do
  if [[ $prog == jfrps ]]; then cp_="$server_cp" main="$server_main"; else cp_="$client_cp" main="$client_main"; fi
  grep -v 'BoundMethodHandle\$Species_' "$work/$prog.classlist" >"$work/$prog.classlist.dump" || true
  mv -f "$work/$prog.classlist.dump" "$work/$prog.classlist"
  if ! "$java" "${java_opts[@]}" -Xshare:dump -XX:SharedClassListFile="$work/$prog.classlist" \
       -XX:SharedArchiveFile="$work/$prog.jsa" -Xlog:cds=error -cp "$cp_" >"$work/$prog-dump.log" 2>&1; then
    echo "make-cds.sh: the $prog archive could not be dumped:" >&2
    tail -n 40 "$work/$prog-dump.log" >&2
    exit 1
  fi
  if ! "$java" "${java_opts[@]}" -Xshare:on -XX:SharedArchiveFile="$work/$prog.jsa" -cp "$cp_" "$main" --version \
       >"$work/$prog-check.log" 2>&1; then
    echo "make-cds.sh: the $prog archive does not load:" >&2
    cat "$work/$prog-check.log" >&2
    exit 1
  fi
  mv -f "$work/$prog.jsa" "$out/$prog.jsa"
  printf '%s\n' "$cp_" >"$out/$prog.jsa.classpath"
  chmod 0644 "$out/$prog.jsa" "$out/$prog.jsa.classpath"
done
echo "make-cds.sh: wrote $out/jfrps.jsa ($(du -k "$out/jfrps.jsa" | cut -f1) KiB) and $out/jfrpc.jsa ($(du -k "$out/jfrpc.jsa" | cut -f1) KiB)"
