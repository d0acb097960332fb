# shellcheck shell=bash
# Sourced by the launchers of a jfrp release (bin/jfrps, bin/jfrpc, bin/jfrp-cds). Everything is
# found relative to this file's real location, so the release runs from wherever it was unpacked
# and through symbolic links (/usr/bin/jfrps -> /usr/lib/jfrp/bin/jfrps). It runs the release's
# own Java runtime (runtime/, made with jlink): never a java from PATH or JAVA_HOME, never Maven.
#
# Layout (made by packaging/build-release.sh):
#   runtime/                 the Java runtime
#   lib/*.jar                the jars of both programs
#   lib/<program>.launch     the program's main class (first line), then its jars in class-path order
#   lib/optional/*.jar       the jars only some features need (Bouncy Castle, OIDC, MINA SSHD,
#                            Micrometer): off the class path, added by a program when it needs them
#   lib/<program>.optional   the program's optional jars, one a line
#   lib/native/              Netty's native libraries (epoll, BoringSSL), found on java.library.path
#                            so that Netty never extracts them into /tmp
#   lib/cds/<program>.jsa    class-data-sharing archives made at this location by bin/jfrp-cds
#
# Environment: JAVA_OPTS adds JVM options; JFRP_CDS=off runs without the class-data-sharing archive.

JFRP_HOME="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
JFRP_JAVA="$JFRP_HOME/runtime/bin/java"
# jfrp_runtime_opts, jfrp_runtime_env and jfrp_raise_nofile: the same for a release as for a checkout's bin/ launchers.
# shellcheck source=packaging/launcher/jfrp-jvm.sh
source "$JFRP_HOME/lib/jfrp-jvm.sh"

# The JVM options every run of either program gets (the CDS training too, so that it loads the
# classes real runs load).
jfrp_jvm_opts() {
  printf '%s\n' "-Djava.library.path=$JFRP_HOME/lib/native"
}

# The main class of program $1.
jfrp_main() {
  head -n 1 "$JFRP_HOME/lib/$1.launch"
}

# The class path of program $1: absolute jar paths, in the order of lib/$1.launch.
jfrp_classpath() {
  local jar cp=""
  while IFS= read -r jar; do
    [[ -n "$jar" ]] && cp+="${cp:+:}$JFRP_HOME/lib/$jar"
  done < <(tail -n +2 "$JFRP_HOME/lib/$1.launch")
  printf '%s\n' "$cp"
}

# The optional jars of program $1 (lib/$1.optional) as a class path.
jfrp_optional_path() {
  local jar path=""
  while IFS= read -r jar; do
    [[ -n "$jar" ]] && path+="${path:+:}$JFRP_HOME/lib/optional/$jar"
  done <"$JFRP_HOME/lib/$1.optional"
  printf '%s\n' "$path"
}

# -XX:SharedArchiveFile=... when program $1 has an archive made for class path $2, else nothing.
jfrp_cds_opt() {
  local jsa="$JFRP_HOME/lib/cds/$1.jsa"
  [[ "${JFRP_CDS:-on}" != off && -f "$jsa" && -f "$jsa.classpath" ]] || return 0
  [[ "$(cat "$jsa.classpath")" == "$2" ]] && printf '%s\n' "-XX:SharedArchiveFile=$jsa"
  return 0
}

# Replaces this shell with program $1, passing it the remaining arguments.
jfrp_exec() {
  local prog="$1" cp main
  shift
  if [[ ! -x "$JFRP_JAVA" ]]; then
    echo "$prog: the bundled Java runtime $JFRP_JAVA is missing; this release is incomplete" >&2
    exit 1
  fi
  cp="$(jfrp_classpath "$prog")"
  main="$(jfrp_main "$prog")"
  local opts=()
  mapfile -t opts < <(jfrp_jvm_opts; jfrp_runtime_opts "$prog" "$JFRP_JAVA"; jfrp_cds_opt "$prog" "$cp"
                      jfrp_optional_opts "$(jfrp_optional_path "$prog")")
  jfrp_runtime_env
  jfrp_raise_nofile
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options, split on spaces as in bin/jfrps
  exec "$JFRP_JAVA" "${opts[@]}" ${JAVA_OPTS:-} -cp "$cp" "$main" "$@"
}
