#!/usr/bin/env bash
# Makes application class-data-sharing (AppCDS) archives for jfrps and jfrpc, so that they start
# from pre-parsed classes instead of reading, parsing and verifying the 3,000 to 4,000 classes (of
# some 5,000 in all) that do not come from the runtime's own archive, on every start.
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
# How: a training run on 127.0.0.1 with -XX:ArchiveClassesAtExit: jfrps with a tcp port and an HTTP
# virtual-host port, jfrpc logging in with a tcp and an http proxy, one connection through the tcp
# proxy; both are then stopped with SIGTERM (the JVM writes the archive as it exits). The
# archives are then checked with -Xshare:on, which fails when an archive cannot be mapped.
# Ports: random free ones outside the ephemeral range (checked by connecting; retried on a clash).
#
# --java-opt: JVM options the launcher will also pass (e.g. -Djava.library.path=...), so the
# training loads the same classes the real runs do. Needs bash and coreutils only (it runs from a
# Debian postinst on a bare server). Exit 0 when both archives were made and checked.
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

mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/jfrp-cds.XXXXXX")"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# 0 when something accepts on 127.0.0.1:$1.
accepting() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port that nothing accepts on and that is not one of the arguments, outside the kernel's range of
# ephemeral ports (net.ipv4.ip_local_port_range; 61000-65535 with Linux's default 32768-60999).
# Inside that range a port nothing accepts on may still be the local port of someone's outgoing
# connection (a busy machine has thousands), and polling it with connects before the program
# listens can connect a socket to itself; either way the program's bind then failed with "Address
# already in use" (3 of 11 runs of measure-footprint.sh on this shared machine, 2026-12-03).
free_port() {
  local p lo=32768 hi=60999 base span taken=" $* "
  read -r lo hi 2>/dev/null </proc/sys/net/ipv4/ip_local_port_range || true
  if (( 65535 - hi >= 2000 )); then base=$(( hi + 1 )) span=$(( 65535 - hi ))
  else base=20000 span=$(( lo > 22000 ? lo - 20000 : 2000 )); fi
  for _ in $(seq 1 200); do
    p=$(( base + RANDOM % span ))
    [[ "$taken" == *" $p "* ]] && continue
    accepting "$p" || { echo "$p"; return 0; }
  done
  echo "make-cds.sh: found no free port outside the ephemeral range" >&2
  return 1
}

# Waits up to 60 s for port $1 to accept while process $2 lives; 1 when it did not.
await_port() {
  for _ in $(seq 1 600); do
    accepting "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

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
  rm -f "$work/jfrps.jsa" "$work/jfrpc.jsa"
  # -Xlog:cds=error: the dump lists every class it cannot archive (picocli's are Java 5 classes).
  "$java" "${java_opts[@]}" -XX:ArchiveClassesAtExit="$work/jfrps.jsa" -Xlog:cds=error -Xlog:cds+dynamic=error \
    -cp "$server_cp" "$server_main" -c "$work/frps.toml" >"$work/jfrps.log" 2>&1 &
  local server=$!
  pids+=("$server")
  if ! await_port "$bind" "$server"; then
    stop "$server"; return 1
  fi
  "$java" "${java_opts[@]}" -XX:ArchiveClassesAtExit="$work/jfrpc.jsa" -Xlog:cds=error -Xlog:cds+dynamic=error \
    -cp "$client_cp" "$client_main" -c "$work/frpc.toml" >"$work/jfrpc.log" 2>&1 &
  local client=$!
  pids+=("$client")
  local ok=0
  if await_port "$remote" "$client"; then
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
  [[ $ok -eq 0 && -s "$work/jfrps.jsa" && -s "$work/jfrpc.jsa" ]]
}

made=""
for attempt in 1 2 3; do
  if train; then made=yes; break; fi
  echo "make-cds.sh: training run $attempt did not produce both archives" >&2
done
if [[ -z "$made" ]]; then
  for f in "$work"/*.log; do echo "---- $(basename "$f")" >&2; tail -n 40 "$f" >&2; done
  exit 1
fi

# Check each archive maps (-Xshare:on makes a bad archive an error), then move it into place with
# the class path it belongs to.
for prog in jfrps jfrpc; do
  if [[ $prog == jfrps ]]; then cp_="$server_cp" main="$server_main"; else cp_="$client_cp" main="$client_main"; fi
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
