#!/usr/bin/env bash
# The release test: builds the release archive and the Debian package (packaging/build-release.sh)
# and uses them as a user would, on a machine path where no JDK may be used.
#
#   scripts/test-release.sh [--no-build]     (--no-build: jars already in server/ and client/target)
#
# The archive: its listing; unpacked into an empty directory; jfrps and jfrpc run with nothing but
# `env -i PATH=<release>/bin:/usr/bin:/bin` (no JAVA_HOME), and the test proves each JVM is the
# release's own runtime (--version's runtime line, /proc/PID/exe), that Netty's native TLS library
# is loaded from the release and nothing is extracted to the temporary directory; a tcp proxy
# carries hash-checked echo traffic (8 connections x 1 MiB); once more with mutual TLS from
# `jfrps certs` on the JDK's own TLS provider (the modules the runtime must hold for that path);
# bin/jfrp-cds makes the class-data-sharing archives and the JVMs map them; start-up times with
# and without them are measured.
# The package: dpkg-deb --info/--contents; installed into a throwaway root (dpkg --root with
# --force-script-chrootless: the maintainer scripts run for real, against DPKG_ROOT); the jfrp
# user, permissions and CDS archives the postinst made; both programs run from the installed tree,
# as user jfrp with the unit's JVM options, end to end; purged, and nothing of it left.
# Also: systemd-analyze verify on every unit of both, bash and zsh completion, the man pages.
#
# Exit 0 when everything held. Figures (sizes, start-up times) go to stdout and to
# target/release-test-figures.md. Needs python3 (the echo service), zsh, systemd, setpriv and
# what packaging/build-release.sh needs; scripts/install-test-deps.sh installs them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PROBE="$ROOT/packaging/test/probe.py"
build_args=()
[[ "${1:-}" == --no-build ]] && build_args+=(--no-build)

[[ "$(id -u)" -eq 0 ]] || { echo "test-release: run it as root (dpkg --root, useradd --prefix, setpriv)" >&2; exit 1; }
for tool in python3 zsh systemd-analyze setpriv dpkg dpkg-deb dpkg-shlibdeps man asciidoctor mvn; do
  command -v "$tool" >/dev/null || { echo "test-release: $tool is missing (scripts/install-test-deps.sh installs it)" >&2; exit 1; }
done

started="$(date +%s)"
T="$(mktemp -d /tmp/jfrp-release-test.XXXXXX)"
# Readable by user jfrp, which runs the installed programs below.
chmod 0755 "$T"
pids=()
passed=""
cleanup() {
  local p
  # "|| true": under set -e a killed child's status (137) from wait would end the script here, with
  # that status, though every check passed.
  for p in "${pids[@]}"; do { kill -KILL "$p" && wait "$p"; } 2>/dev/null || true; done
  if [[ -n "$passed" ]]; then rm -rf "$T"; else echo "test-release: kept $T for inspection" >&2; fi
}
trap cleanup EXIT

ok() { echo "ok - $*"; }
fail() { echo "FAIL - $*" >&2; exit 1; }
# check DESCRIPTION COMMAND...: the command must succeed.
check() { local what="$1"; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }
figure() { echo "$*" | tee -a "$T/figures.md"; }
quiet() { "$@" >/dev/null; }
# forget PID...: processes reaped, no longer to be killed on exit (their PIDs may be reused).
forget() {
  local keep=() p
  for p in "${pids[@]}"; do [[ " $* " == *" $p "* ]] || keep+=("$p"); done
  pids=("${keep[@]}")
}

# ---------------------------------------------------------------------------------------------
echo "== building the release"
"$ROOT/packaging/build-release.sh" --out "$T/out" "${build_args[@]}" >"$T/build.log" 2>&1 \
  || { cat "$T/build.log" >&2; fail "packaging/build-release.sh"; }
ARCHIVE="$(ls "$T"/out/jfrp-*-linux-x86_64.tar.gz)"
DEB="$(ls "$T"/out/jfrp_*_amd64.deb)"
NAME="$(basename "$ARCHIVE" -linux-x86_64.tar.gz)"
VERSION="${NAME#jfrp-}"
ok "built $(basename "$ARCHIVE") and $(basename "$DEB")"

# ---------------------------------------------------------------------------------------------
echo "== the archive"
tar -tzf "$ARCHIVE" >"$T/archive.list"
for f in bin/jfrps bin/jfrpc bin/jfrp-cds runtime/bin/java runtime/lib/server/classes.jsa lib/jfrp-launch.sh \
         lib/make-cds.sh lib/process-probes.sh lib/jfrps.launch lib/jfrpc.launch lib/native/libnetty_tcnative_linux_x86_64.so \
         conf/frps.toml conf/frpc.toml systemd/jfrps.service systemd/jfrpc.service systemd/jfrpc@.service \
         completion/bash/jfrps completion/bash/jfrpc completion/zsh/_jfrps completion/zsh/_jfrpc \
         man/man1/jfrps.1 man/man1/jfrpc.1 man/man1/jfrps-verify.1 man/man1/jfrpc-verify.1 LICENSE COPYRIGHT INSTALL.md; do
  grep -qx "$NAME/$f" "$T/archive.list" || fail "the archive has no $NAME/$f"
done
grep -q "^$NAME/runtime/jmods\|^$NAME/runtime/include\|/src.zip$" "$T/archive.list" && fail "the runtime holds JDK parts"
ok "the archive lists the launchers, runtime, jars, configs, units, completion, man pages, LICENSE"

# Unpacked into an empty directory, as docs/install.md says (/opt of a throwaway root, which also
# serves systemd-analyze below).
AROOT="$T/archive-root"
mkdir -p "$AROOT/opt" "$AROOT/usr/local/bin" "$AROOT/etc/systemd/system"
tar -xzf "$ARCHIVE" -C "$AROOT/opt"
D="$AROOT/opt/$NAME"
for prog in jfrps jfrpc; do ln -s "../../../opt/$NAME/bin/$prog" "$AROOT/usr/local/bin/$prog"; done
cp "$D"/systemd/*.service "$AROOT/etc/systemd/system/"

# clean BIN [VAR=VALUE...] -- COMMAND...: runs COMMAND with only PATH=BIN:/usr/bin:/bin and VARs.
clean() {
  local bin="$1" vars=()
  shift
  while [[ "$1" != -- ]]; do vars+=("$1"); shift; done
  shift
  env -i PATH="$bin:/usr/bin:/bin" "${vars[@]}" "$@"
}

# The --version of program $1 at bin dir $2 must name jfrp $VERSION, an frp version, Java 17 and
# runtime directory $3.
check_version() {
  local out
  out="$(clean "$2" -- "$1" --version)" || fail "$1 --version"
  [[ "$(sed -n 1p <<<"$out")" =~ ^$1\ ${VERSION//./\\.}\ \(frp\ [0-9]+\.[0-9]+\.[0-9]+\ wire\ protocols\ v1\ and\ v2\;\ Java\ 17\.[^\ ]+\ .*\)$ ]] \
    || fail "$1 --version's first line: $(sed -n 1p <<<"$out")"
  [[ "$(sed -n 2p <<<"$out")" == "runtime: $3" ]] \
    || fail "$1 --version runs on $(sed -n 2p <<<"$out"), not the release's $3"
  ok "$1 --version in a clean environment: $(sed -n 1p <<<"$out"); runtime $3"
}
for prog in jfrps jfrpc; do check_version "$prog" "$D/bin" "$D/runtime"; done
check "jfrps verify accepts the example frps.toml" quiet clean "$D/bin" -- jfrps verify -c "$D/conf/frps.toml"
check "jfrpc verify accepts the example frpc.toml" quiet clean "$D/bin" -- jfrpc verify -c "$D/conf/frpc.toml"

# ---------------------------------------------------------------------------------------------
# One tunnel: jfrps and jfrpc from bin dir $2, in run directory $3 (configs written there), JVM
# options $4; a tcp proxy to the echo service. $1 labels the run. The programs are started by the
# command prefix RUN_AS (empty, or setpriv ...). Environment of the call:
#   TLS_DIR      jfrp.selfSignedDir for jfrps (empty: not set in the file)
#   SERVER_TOML, CLIENT_TOML   more lines for frps.toml (before the proxies of frpc.toml)
#   TLS_EXPECT   jdk: TLS must run on the JDK's provider (not BoringSSL, which is the default)
#   ECHO_CHECK   yes: hash-checked echo traffic and the checks of the processes below
#   CDS_EXPECT   yes: each JVM must map its lib/cds archive instead of the runtime's; empty: it must not
#   JFRP_CDS     passed on to the launchers
# Sets START_SERVER (jfrps's launch until its bindPort accepts) and START_CLIENT (jfrpc's launch
# until its proxy's remote port accepts), each "wall-ms cpu-ms".
RUN_AS=()
ECHO_PORT=""

# launch PROG BIN RUN OPTS: starts PROG from BIN in the background with RUN/<frp name>.toml, as
# clean() would but with env exec'ing the launcher, which execs java, so that LAUNCHED is the JVM's
# PID; LAUNCH_T0 is the time just before (date +%s%N). JAVA_OPTS: OPTS, and java.io.tmpdir in
# RUN/tmp, which must stay empty.
launch() {
  local prog="$1" bin="$2" run="$3" opts="$4"
  LAUNCH_T0="$(date +%s%N)"
  env -i PATH="$bin:/usr/bin:/bin" JAVA_OPTS="$opts -Djava.io.tmpdir=$run/tmp" ${JFRP_CDS:+JFRP_CDS=$JFRP_CDS} \
    "${RUN_AS[@]}" "$prog" -c "$run/${prog#j}.toml" >"$run/$prog.log" 2>&1 &
  LAUNCHED=$!
  pids+=("$LAUNCHED")
}

tunnel() {
  local label="$1" bin="$2" run="$3" opts="$4" home bind remote spid cpid token
  home="$(dirname "$(dirname "$(readlink -f "$bin/jfrps")")")"
  mkdir -p "$run/tmp"
  read -r bind remote < <("$PROBE" free-ports 2 | paste -sd' ')
  token="release-test-$RANDOM$RANDOM"
  printf 'bindAddr = "127.0.0.1"\nbindPort = %s\nproxyBindAddr = "127.0.0.1"\nauth.token = "%s"\n' \
    "$bind" "$token" >"$run/frps.toml"
  [[ -z "${TLS_DIR:-}" ]] || printf 'jfrp.selfSignedDir = "%s"\n' "$TLS_DIR" >>"$run/frps.toml"
  printf '%s\n' "${SERVER_TOML:-}" >>"$run/frps.toml"
  printf 'serverAddr = "127.0.0.1"\nserverPort = %s\nauth.token = "%s"\n%s\n\n[[proxies]]\nname = "echo"\ntype = "tcp"\nlocalIP = "127.0.0.1"\nlocalPort = %s\nremotePort = %s\n' \
    "$bind" "$token" "${CLIENT_TOML:-}" "$ECHO_PORT" "$remote" >"$run/frpc.toml"
  chmod 0644 "$run"/*.toml
  launch jfrps "$bin" "$run" "$opts"
  spid=$LAUNCHED
  START_SERVER="$("$PROBE" wait-port "$bind" "$LAUNCH_T0" 120 "$spid")" \
    || { cat "$run/jfrps.log" >&2; fail "$label: jfrps did not listen"; }
  launch jfrpc "$bin" "$run" "$opts"
  cpid=$LAUNCHED
  START_CLIENT="$("$PROBE" wait-port "$remote" "$LAUNCH_T0" 120 "$cpid")" \
    || { cat "$run/jfrps.log" "$run/jfrpc.log" >&2; fail "$label: jfrpc's proxy did not open"; }
  if [[ -n "${ECHO_CHECK:-}" ]]; then
    "$PROBE" echo-check "$remote" 1048576 8 >"$run/echo.log" 2>&1 \
      || { cat "$run/echo.log" "$run/jfrps.log" "$run/jfrpc.log" >&2; fail "$label: echo through the tunnel"; }
    ok "$label: $(cat "$run/echo.log")"
    for p in "$spid:jfrps" "$cpid:jfrpc"; do
      local pid="${p%%:*}" prog="${p#*:}"
      [[ "$(readlink -f "/proc/$pid/exe")" == "$home/runtime/bin/java" ]] \
        || fail "$label: $prog runs $(readlink -f "/proc/$pid/exe"), not $home/runtime/bin/java"
      # With bin/jfrp-cds's archives each program maps its own static archive (the JDK's classes and
      # its own) in place of the runtime's; without them, the runtime's lib/server/classes.jsa.
      if [[ -n "$CDS_EXPECT" ]]; then
        grep -q "$home/lib/cds/$prog.jsa" "/proc/$pid/maps" || fail "$label: $prog did not map $home/lib/cds/$prog.jsa"
        grep -q "$home/runtime/lib/server/classes.jsa" "/proc/$pid/maps" \
          && fail "$label: $prog mapped the runtime's CDS archive beside its own"
      else
        grep -q "$home/runtime/lib/server/classes.jsa" "/proc/$pid/maps" \
          || fail "$label: $prog did not map the runtime's own CDS archive"
        grep -q "$home/lib/cds/" "/proc/$pid/maps" && fail "$label: $prog mapped an archive of lib/cds"
      fi
    done
    local tls="the release's BoringSSL"
    if [[ "${TLS_EXPECT:-}" == jdk ]]; then
      tls="the JDK's provider"
      grep -q libnetty_tcnative "/proc/$spid/maps" "/proc/$cpid/maps" && fail "$label: BoringSSL loaded"
    else
      grep -q "$home/lib/native/libnetty_tcnative_linux_x86_64.so" "/proc/$spid/maps" \
        || fail "$label: jfrps did not load BoringSSL from $home/lib/native"
    fi
    ok "$label: both JVMs are $home/runtime/bin/java, TLS by $tls, CDS ${CDS_EXPECT:-off}"
  fi
  kill -TERM "$cpid" "$spid"
  wait "$cpid" "$spid" 2>/dev/null || true
  forget "$cpid" "$spid"
  [[ -z "$(ls -A "$run/tmp")" ]] || fail "$label: the JVMs wrote into java.io.tmpdir: $(ls -A "$run/tmp")"
}

ECHO_PORT="$("$PROBE" free-ports 1)"
"$PROBE" echo-server "$ECHO_PORT" &
pids+=($!)
"$PROBE" wait-port "$ECHO_PORT" "$(date +%s%N)" 10 >/dev/null || fail "the echo service did not start"

echo "== end to end from the unpacked archive, without class-data sharing"
# One self-signed certificate for all archive runs: made by this first start, reused by the timed
# ones, as by a restart.
ECHO_CHECK=yes CDS_EXPECT="" JFRP_CDS=off TLS_DIR="$T/tls" tunnel "archive, no CDS" "$D/bin" "$T/run-nocds" ""

echo "== mutual TLS with certificates from the release's jfrps certs, on the JDK's TLS provider"
# The path where a module missing from the runtime would show: Bouncy Castle certificates, EC keys
# (jdk.crypto.ec), the JDK's TLS with client certificates and server-name checks (java.naming).
clean "$D/bin" -- jfrps certs --dir "$T/certs" >"$T/certs.log" 2>&1 || { cat "$T/certs.log" >&2; fail "jfrps certs"; }
ECHO_CHECK=yes CDS_EXPECT="" JFRP_CDS=off TLS_EXPECT=jdk \
  SERVER_TOML="$(printf 'transport.tls.certFile = "%s"\ntransport.tls.keyFile = "%s"\ntransport.tls.trustedCaFile = "%s"' \
    "$T/certs/server.crt" "$T/certs/server.key" "$T/certs/ca.crt")" \
  CLIENT_TOML="$(printf 'transport.tls.certFile = "%s"\ntransport.tls.keyFile = "%s"\ntransport.tls.trustedCaFile = "%s"\ntransport.tls.serverName = "localhost"' \
    "$T/certs/client.crt" "$T/certs/client.key" "$T/certs/ca.crt")" \
  tunnel "archive, mutual TLS, JDK provider" "$D/bin" "$T/run-mtls" "-Dio.netty.handler.ssl.noOpenSsl=true"

echo "== bin/jfrp-cds"
cds_start="$(date +%s)"
clean "$D/bin" -- jfrp-cds >"$T/cds.log" 2>&1 || { cat "$T/cds.log" >&2; fail "bin/jfrp-cds"; }
ok "bin/jfrp-cds made lib/cds in $(( $(date +%s) - cds_start )) s: $(tail -n 1 "$T/cds.log")"

echo "== end to end from the unpacked archive, with class-data sharing"
ECHO_CHECK=yes CDS_EXPECT=yes JFRP_CDS="" TLS_DIR="$T/tls" tunnel "archive, CDS" "$D/bin" "$T/run-cds" ""

runs="${RELEASE_TEST_RUNS:-3}"
echo "== start-up from the archive: $runs runs with and without class-data sharing, interleaved"
declare -A wall cpu
for i in $(seq 1 "$runs"); do
  for mode in off on; do
    cds_env=""
    [[ $mode == on ]] || cds_env=off
    JFRP_CDS="$cds_env" TLS_DIR="$T/tls" tunnel "timing $mode $i" "$D/bin" "$T/run-$mode-$i" ""
    read -r w c <<<"$START_SERVER"; wall[server-$mode]+=" $w"; cpu[server-$mode]+=" $c"
    read -r w c <<<"$START_CLIENT"; wall[client-$mode]+=" $w"; cpu[client-$mode]+=" $c"
  done
done
# median of the arguments
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# "median (runs)" of wall[$1] and cpu[$1]
timing() {
  # shellcheck disable=SC2086 # the lists are space-separated numbers
  echo "$(median ${wall[$1]}) ms (${wall[$1]# }), CPU $(median ${cpu[$1]}) ms"
}
timing_load="$(cut -d' ' -f1-3 /proc/loadavg)"
ok "start-up measured (figures at the end)"

# ---------------------------------------------------------------------------------------------
echo "== completion and man pages"
bash_complete() {
  # bash_complete SCRIPT WORDS... : the candidates picocli's function offers for the last word.
  # compopt works only while bash itself runs a completion: here a no-op stands in for it.
  bash --norc --noprofile -c 'source "$1"; compopt() { :; }; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ));
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; "_complete_${COMP_WORDS[0]}"; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$@" | sort | paste -sd' '
}
[[ "$(bash_complete "$D/completion/bash/jfrps" jfrps '')" == "certs verify" ]] || fail "bash: jfrps <Tab>"
[[ "$(bash_complete "$D/completion/bash/jfrps" jfrps certs --d)" == "--days --dir" ]] || fail "bash: jfrps certs --d<Tab>"
[[ "$(bash_complete "$D/completion/bash/jfrpc" jfrpc -)" == *"--config"*"--version"* ]] || fail "bash: jfrpc -<Tab>"
ok "bash completion: jfrps <Tab> -> certs verify; jfrps certs --d<Tab> -> --days --dir"
zsh -f "$ROOT/packaging/test/zsh-completion.zsh" "$D/completion/zsh" "$D/bin" "jfrps " certs verify \
  || fail "zsh: jfrps <Tab>"
zsh -f "$ROOT/packaging/test/zsh-completion.zsh" "$D/completion/zsh" "$D/bin" "jfrpc verify --c" --config \
  || fail "zsh: jfrpc verify --c<Tab>"
ok "zsh completion (interactive zsh on a pseudo-terminal): jfrps <Tab>, jfrpc verify --c<Tab>"
for page in "$D"/man/man1/*.1; do
  warnings="$(LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -l "$page" 2>&1 >/dev/null)"
  [[ -z "$warnings" ]] || fail "man $(basename "$page"): $warnings"
done
for prog in jfrps jfrpc; do
  text="$(LC_ALL=C.UTF-8 MANWIDTH=100 man -l "$D/man/man1/$prog.1")"
  for section in NAME SYNOPSIS OPTIONS COMMANDS "EXIT STATUS" FILES "SEE ALSO" "--config=FILE"; do
    grep -q -- "$section" <<<"$text" || fail "man $prog has no $section"
  done
done
ok "man pages render without warnings, with options, commands, exit status, files"

# ---------------------------------------------------------------------------------------------
echo "== the Debian package"
dpkg-deb --info "$DEB" >"$T/deb.info"
for field in "Package: jfrp" "Version: ${VERSION//-/\~}" "Architecture: amd64" "Depends: .*libc6 (>= " "Installed-Size: "; do
  grep -q "^ $field" "$T/deb.info" || fail "dpkg-deb --info: no '$field'"
done
[[ "$(dpkg-deb --info "$DEB" conffiles)" == $'/etc/jfrp/frpc.toml\n/etc/jfrp/frps.toml' ]] \
  || fail "conffiles: $(dpkg-deb --info "$DEB" conffiles)"
dpkg-deb --contents "$DEB" >"$T/deb.contents"
for f in "./usr/bin/jfrps -> ../lib/jfrp/bin/jfrps" "./usr/bin/jfrpc -> ../lib/jfrp/bin/jfrpc" \
         ./usr/lib/jfrp/runtime/bin/java ./usr/lib/jfrp/bin/jfrp-cds ./usr/lib/jfrp/lib/make-cds.sh ./usr/lib/jfrp/lib/process-probes.sh \
         ./etc/jfrp/frps.toml ./etc/jfrp/frpc.toml ./usr/lib/systemd/system/jfrps.service \
         ./usr/lib/systemd/system/jfrpc.service ./usr/lib/systemd/system/jfrpc@.service \
         ./usr/share/bash-completion/completions/jfrps ./usr/share/zsh/vendor-completions/_jfrpc \
         ./usr/share/man/man1/jfrps.1.gz ./usr/share/man/man1/jfrpc-verify.1.gz ./usr/share/doc/jfrp/copyright; do
  grep -q " $f$" "$T/deb.contents" || fail "dpkg-deb --contents: no $f"
done
awk '{ print $2 }' "$T/deb.contents" | grep -vqx 'root/root' && fail "files in the package not owned by root"
ok "dpkg-deb --info and --contents: fields, conffiles, layout, root-owned"

# A throwaway root with an empty dpkg database and the files useradd edits. --force-depends: that
# database knows none of the libraries the host has; --force-script-chrootless: dpkg runs the
# maintainer scripts here with DPKG_ROOT set instead of chrooting into a root without a shell.
R="$T/root"
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/var/lib/dpkg/triggers" "$R/etc"
touch "$R/var/lib/dpkg/status" "$R/var/lib/dpkg/available"
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$R/etc/passwd"
printf 'root:x:0:\n' >"$R/etc/group"
printf 'root:*:19000:0:99999:7:::\n' >"$R/etc/shadow"
printf 'root:*::\n' >"$R/etc/gshadow"
cp /etc/login.defs "$R/etc/"
dpkg_root() { dpkg --root="$R" --force-script-chrootless --force-depends "$@"; }
install_start="$(date +%s)"
dpkg_root -i "$DEB" >"$T/dpkg-install.log" 2>&1 || { cat "$T/dpkg-install.log" >&2; fail "dpkg -i"; }
ok "dpkg --root -i in $(( $(date +%s) - install_start )) s (postinst included)"
ids="$(awk -F: '$1 == "jfrp" { print $3 ":" $4 ":" $6 ":" $7 }' "$R/etc/passwd")"
[[ "$ids" =~ ^([0-9]+):([0-9]+):/var/lib/jfrp:/usr/sbin/nologin$ ]] || fail "no system user jfrp: '$ids'"
uid="${BASH_REMATCH[1]}" gid="${BASH_REMATCH[2]}"
(( uid < 1000 )) || fail "jfrp is not a system user (uid $uid)"
[[ "$(stat -c '%u:%g %a' "$R/var/lib/jfrp")" == "$uid:$gid 750" ]] || fail "/var/lib/jfrp: $(stat -c '%u:%g %a' "$R/var/lib/jfrp")"
for f in frps.toml frpc.toml; do
  [[ "$(stat -c '%u:%g %a' "$R/etc/jfrp/$f")" == "0:$gid 640" ]] || fail "/etc/jfrp/$f: $(stat -c '%u:%g %a' "$R/etc/jfrp/$f")"
done
for prog in jfrps jfrpc; do
  [[ -s "$R/usr/lib/jfrp/lib/cds/$prog.jsa" ]] || fail "postinst made no lib/cds/$prog.jsa"
  grep -q "^$R/usr/lib/jfrp/lib/" "$R/usr/lib/jfrp/lib/cds/$prog.jsa.classpath" || fail "$prog.jsa made for another path"
done
ok "postinst: system user jfrp ($uid:$gid), /var/lib/jfrp 0750, configs root:jfrp 0640, CDS archives"
for prog in jfrps jfrpc; do check_version "$prog" "$R/usr/bin" "$R/usr/lib/jfrp/runtime"; done
check "installed jfrps verify /etc/jfrp/frps.toml" quiet clean "$R/usr/bin" -- jfrps verify -c "$R/etc/jfrp/frps.toml"

echo "== end to end from the installed package, as user jfrp with the unit's JVM options"
# ExecStart's JAVA_OPTS of the installed jfrps.service, with /var/lib/jfrp inside the root.
unit_opts="$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$R/usr/lib/systemd/system/jfrps.service")"
[[ "$unit_opts" == *selfSignedDir=/var/lib/jfrp/tls* ]] || fail "jfrps.service sets no selfSignedDir: $unit_opts"
unit_opts="${unit_opts//\/var\/lib\/jfrp/$R/var/lib/jfrp}"
RUN_AS=(setpriv --reuid="$uid" --regid="$gid" --clear-groups)
mkdir -p "$T/run-deb"
chown "$uid:$gid" "$T/run-deb"
cd "$R/var/lib/jfrp"   # the unit's WorkingDirectory
ECHO_CHECK=yes CDS_EXPECT=yes JFRP_CDS="" tunnel "package, user jfrp" "$R/usr/bin" "$T/run-deb" "$unit_opts"
cd "$ROOT"
RUN_AS=()
[[ "$(stat -c '%u' "$R/var/lib/jfrp/tls/server.key")" == "$uid" ]] || fail "no self-signed key of user jfrp in /var/lib/jfrp/tls"
ok "jfrps kept its self-signed certificate in the unit's state directory, as user jfrp"

# ---------------------------------------------------------------------------------------------
echo "== systemd-analyze verify"
# Each root also needs systemd's own units (targets the units name) and the man pages the units'
# Documentation= names (verify runs man).
for r in "$R" "$AROOT"; do
  mkdir -p "$r/usr/lib/systemd/system"
  cp -rn /usr/lib/systemd/system/. "$r/usr/lib/systemd/system/" 2>/dev/null || true
done
verify_unit() {
  local root="$1" unit="$2" manpath="$3" out
  out="$(MANPATH="$manpath" systemd-analyze verify --root="$root" "$unit" 2>&1)" || fail "systemd-analyze verify $unit: $out"
  [[ -z "$out" ]] || fail "systemd-analyze verify $unit: $out"
}
for u in jfrps.service jfrpc.service jfrpc@.service jfrpc@office.service; do
  verify_unit "$R" "/usr/lib/systemd/system/$u" "$R/usr/share/man"
  verify_unit "$AROOT" "/etc/systemd/system/$u" "$D/man"
done
ok "systemd-analyze verify: jfrps, jfrpc, jfrpc@ (and an instance) of the package and of the archive"
for u in jfrps.service jfrpc.service; do
  figure "systemd-analyze security $u: $(systemd-analyze security --offline=true --root="$R" "$u" 2>/dev/null \
    | sed -n 's/.*Overall exposure level for [^:]*: //p')"
done

echo "== dpkg --purge"
dpkg_root --purge jfrp >"$T/dpkg-purge.log" 2>&1 || { cat "$T/dpkg-purge.log" >&2; fail "dpkg --purge"; }
for p in usr/lib/jfrp etc/jfrp var/lib/jfrp usr/bin/jfrps usr/lib/systemd/system/jfrps.service; do
  [[ ! -e "$R/$p" && ! -L "$R/$p" ]] || fail "left after purge: /$p"
done
ok "purge removed the program, the CDS archives, /etc/jfrp and /var/lib/jfrp"

# ---------------------------------------------------------------------------------------------
passed=yes
figure ""
figure "Release figures ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release)):"
figure "- archive $(basename "$ARCHIVE"): $(( $(stat -c %s "$ARCHIVE") / 1048576 )) MiB, unpacked $(( $(du -sk --exclude=cds "$D" | cut -f1) / 1024 )) MiB (runtime $(( $(du -sk "$D/runtime" | cut -f1) / 1024 )) MiB); lib/cds after jfrp-cds $(( $(du -sk "$D/lib/cds" | cut -f1) / 1024 )) MiB"
figure "- package $(basename "$DEB"): $(( $(stat -c %s "$DEB") / 1048576 )) MiB"
figure "- start-up from the archive, median of $runs runs (wall time, each run in brackets; CPU time of the JVM, all threads), load average $timing_load:"
figure "  jfrps until bindPort accepts, without CDS:       $(timing server-off)"
figure "  jfrps until bindPort accepts, with CDS:          $(timing server-on)"
figure "  jfrpc until its proxy port accepts, without CDS: $(timing client-off)"
figure "  jfrpc until its proxy port accepts, with CDS:    $(timing client-on)"
figure "- the release test took $(( $(date +%s) - started )) s"
cp "$T/figures.md" "$ROOT/target/release-test-figures.md" 2>/dev/null || true
echo "test-release: all passed"
