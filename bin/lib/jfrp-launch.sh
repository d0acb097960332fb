# Sourced by bin/jfrps, bin/jfrpc and bin/jfrp-demo. Builds the server and client modules (and what
# they depend on) when a jar or its runtime libraries are missing or older than the sources, and gives
# the class paths. JFRP_REBUILD=1 forces a build; JFRP_MAVEN_ARGS adds arguments to the mvn command
# line (for example -o when offline).
# Every start runs this file, and each program it forks (dirname, find, cat) costs a start several
# milliseconds, tens under load: paths are cut with parameter expansion, and each check runs once.
JFRP_ROOT="$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd)"
JFRP_VERSION="0.1.0-SNAPSHOT"
JFRP_SERVER_JAR="$JFRP_ROOT/server/target/jfrp-server-$JFRP_VERSION.jar"
JFRP_CLIENT_JAR="$JFRP_ROOT/client/target/jfrp-client-$JFRP_VERSION.jar"

# Whether either jar, or its lib directory, is missing or older than a source file: the main sources
# of the modules jfrps and jfrpc are made of, and the poms. One walk of the sources, against the older
# of the two jars.
jfrp_launch_stale() {
  local jar m older="$JFRP_SERVER_JAR"
  local sources=("$JFRP_ROOT/pom.xml")
  [[ -n "${JFRP_REBUILD:-}" ]] && return 0
  for m in mux kcp protocol certs config web server client; do
    sources+=("$JFRP_ROOT/$m/src/main" "$JFRP_ROOT/$m/pom.xml")
  done
  for jar in "$JFRP_SERVER_JAR" "$JFRP_CLIENT_JAR"; do
    [[ -f "$jar" && -d "${jar%/*}/lib" ]] || return 0
  done
  [[ "$JFRP_CLIENT_JAR" -nt "$JFRP_SERVER_JAR" ]] || older="$JFRP_CLIENT_JAR"
  [[ -n "$(find "${sources[@]}" -newer "$older" -type f -print -quit 2>/dev/null)" ]]
}

# Builds both jars when stale. A lock keeps two launchers started together (bin/jfrps & bin/jfrpc &)
# from running Maven at the same time; the second one finds the jars fresh once it has the lock.
jfrp_launch_build() {
  jfrp_launch_stale || return 0
  mkdir -p "$JFRP_ROOT/target"
  (
    if command -v flock >/dev/null; then
      flock 9
    fi
    if jfrp_launch_stale; then
      echo "building jfrps and jfrpc (mvn -q -B -Dmaven.test.skip=true -pl server,client -am package) ..." >&2
      # maven.test.skip (not just skipTests): test sources are not compiled either, so work in
      # progress under */src/test cannot stop the programs from building.
      # Quiet when it works; Maven's output (without its colour codes) when it does not.
      # shellcheck disable=SC2086
      if ! (cd "$JFRP_ROOT" && mvn -q -B -Dmaven.test.skip=true ${JFRP_MAVEN_ARGS:-} -pl server,client -am package) \
           >"$JFRP_ROOT/target/jfrp-launch-build.log" 2>&1; then
        sed 's/\x1b\[[0-9;]*m//g' "$JFRP_ROOT/target/jfrp-launch-build.log" >&2
        echo "jfrp: the build failed (log: target/jfrp-launch-build.log)" >&2
        exit 1
      fi
      # A module whose classes are up to date may keep an old jar; make the jars newer than the
      # sources so the next start does not build again.
      touch "$JFRP_SERVER_JAR" "$JFRP_CLIENT_JAR"
    fi
  ) 9>"$JFRP_ROOT/target/.jfrp-launch.lock"
}

jfrp_server_classpath() {
  echo "$JFRP_SERVER_JAR:$JFRP_ROOT/server/target/lib/*"
}

jfrp_client_classpath() {
  echo "$JFRP_CLIENT_JAR:$JFRP_ROOT/client/target/lib/*"
}

# The options that let program $1 (jfrps or jfrpc) add its optional jars (target/lib/optional) when
# a feature needs them, one per line: jfrp_optional_opts.
jfrp_program_optional_opts() {
  local module=client
  [[ $1 == jfrps ]] && module=server
  jfrp_optional_opts "$JFRP_ROOT/$module/target/lib/optional/*"
}

# ---- Runtime: the JVM options and the open-file limit, the same as a release's launchers use
# (packaging/launcher/jfrp-jvm.sh): jfrp_runtime_opts PROGRAM JAVA, jfrp_runtime_env,
# jfrp_raise_nofile.
# shellcheck source=packaging/launcher/jfrp-jvm.sh
source "$JFRP_ROOT/packaging/launcher/jfrp-jvm.sh"

# ---- Start-up speed -----------------------------------------------------------------------------
# frp's e2e suite, systemd and users alike wait for a program to listen: these make a start cheaper
# without changing what runs (figures and the measuring command in docs/PERFORMANCE.md's "Start-up time").
# - Class-data-sharing archives of each program's classes (target/cds, made by scripts/make-cds.sh
#   after a build, under the build lock): parsed and verified once instead of on every start. Each is
#   one static archive of the JDK's classes and the program's, mapped instead of the JDK's own.
#   Made only for the jars as they are; an archive older than a jar is made again, and one that
#   cannot be made or used is simply not used (the JVM is told not to complain), so it never stops
#   a start. JFRP_CDS=off starts without the archives and does not make them.
# - Netty's native libraries (epoll, BoringSSL) unpacked once into target/native and found on
#   java.library.path, instead of unpacked from their jars into the temporary directory (3 MB) on
#   every start.
JFRP_CDS_DIR="$JFRP_ROOT/target/cds"
JFRP_NATIVE_DIR="$JFRP_ROOT/target/native"

# Whether the archive of program $1 is missing, made for another class path (a checkout copied
# or moved: the JVM would refuse it and start without), or older than one of its jars, than
# scripts/make-cds.sh (a change to how archives are made, such as leaving out the classes that
# crashed JFR, makes them again) or than packaging/launcher/jfrp-jvm.sh (the training run's JVM
# options, jfrp_training_opts, decide which classes it loads). The answer is kept (in
# JFRP_CDS_STALE_<program>) until jfrp_cds_make makes the archives again.
jfrp_cds_stale() {
  local var="JFRP_CDS_STALE_$1"
  if [[ -z "${!var:-}" ]]; then
    local jsa="$JFRP_CDS_DIR/$1.jsa" jar="$JFRP_SERVER_JAR" cp answer=no lib made_for=""
    # The class paths of jfrp_server_classpath and jfrp_client_classpath, without forking.
    cp="$JFRP_SERVER_JAR:$JFRP_ROOT/server/target/lib/*"
    [[ $1 == jfrpc ]] && jar="$JFRP_CLIENT_JAR" cp="$JFRP_CLIENT_JAR:$JFRP_ROOT/client/target/lib/*"
    [[ -f "$jsa.classpath" ]] && IFS= read -r made_for <"$jsa.classpath"
    if ! [[ -s "$jsa" && "$made_for" == "$cp" && "$jsa" -nt "$jar" && ! "${jar%/*}/lib" -nt "$jsa" \
            && ! "$JFRP_ROOT/scripts/make-cds.sh" -nt "$jsa" \
            && ! "$JFRP_ROOT/packaging/launcher/jfrp-jvm.sh" -nt "$jsa" ]]; then
      answer=yes
    else
      # The jars of lib/ (a flat directory), tested by the shell itself.
      for lib in "${jar%/*}"/lib/*; do
        [[ "$lib" -nt "$jsa" ]] && { answer=yes; break; }
      done
    fi
    printf -v "$var" '%s' "$answer"
  fi
  [[ ${!var} == yes ]]
}

# Makes what is missing or stale (archives, native libraries), under the build lock so that two
# launchers started together make them once. Never fails: a start without them is only slower.
jfrp_startup_prepare() {
  local need=""
  [[ -d "$JFRP_NATIVE_DIR" && "$JFRP_NATIVE_DIR" -nt "$JFRP_SERVER_JAR" ]] || need=1
  if [[ "${JFRP_CDS:-on}" != off ]] && { jfrp_cds_stale jfrps || jfrp_cds_stale jfrpc; } \
      && [[ ! "$JFRP_CDS_DIR/.failed" -nt "$JFRP_SERVER_JAR" ]]; then
    need=1
  fi
  [[ -n "$need" ]] || return 0
  mkdir -p "$JFRP_ROOT/target"
  (
    command -v flock >/dev/null && flock 9
    # Another launcher may have made them while this one waited for the lock.
    unset JFRP_CDS_STALE_jfrps JFRP_CDS_STALE_jfrpc
    jfrp_natives_unpack
    if [[ "${JFRP_CDS:-on}" != off ]] && { jfrp_cds_stale jfrps || jfrp_cds_stale jfrpc; } \
        && [[ ! "$JFRP_CDS_DIR/.failed" -nt "$JFRP_SERVER_JAR" ]]; then
      jfrp_cds_make
    fi
  ) 9>"$JFRP_ROOT/target/.jfrp-launch.lock" || true
  # Made (or not) in that subshell: ask again.
  unset JFRP_CDS_STALE_jfrps JFRP_CDS_STALE_jfrpc
}

# Unpacks the linux-x86_64 native libraries of the server's Netty jars into target/native.
jfrp_natives_unpack() {
  [[ -d "$JFRP_NATIVE_DIR" && "$JFRP_NATIVE_DIR" -nt "$JFRP_SERVER_JAR" ]] && return 0
  local jar_tool tmp j
  jar_tool="$(readlink -f "$(command -v java)")" && jar_tool="${jar_tool%/*}/jar"
  [[ -x "$jar_tool" ]] || return 0
  tmp="$(mktemp -d "$JFRP_ROOT/target/.native.XXXXXX")"
  for j in "$JFRP_ROOT"/server/target/lib/netty-*linux-x86_64.jar; do
    [[ -f "$j" ]] && (cd "$tmp" && "$jar_tool" xf "$j" META-INF/native) 2>/dev/null
  done
  rm -rf "$JFRP_NATIVE_DIR"
  mkdir -p "$JFRP_NATIVE_DIR"
  find "$tmp/META-INF/native" -maxdepth 1 -name '*.so' -exec mv {} "$JFRP_NATIVE_DIR/" \; 2>/dev/null
  rm -rf "$tmp"
  touch "$JFRP_NATIVE_DIR"
}

# Makes both archives with scripts/make-cds.sh (a training run on 127.0.0.1, 15 to 60 s); on
# failure leaves target/cds/.failed, so that the next starts do not try again until a new build.
jfrp_cds_make() {
  local opt args=(--java "$(command -v java)" --out "$JFRP_CDS_DIR"
    --server-cp "$(jfrp_server_classpath)" --server-main io.jfrp.server.cli.Jfrps
    --client-cp "$(jfrp_client_classpath)" --client-main io.jfrp.client.cli.Jfrpc)
  # The training runs with the collector and the Netty settings real runs have (jfrp_runtime_opts).
  while IFS= read -r opt; do args+=(--java-opt "$opt"); done < <(jfrp_common_jvm_opts; jfrp_training_opts)
  mkdir -p "$JFRP_CDS_DIR"
  echo "making class-data-sharing archives for faster starts (scripts/make-cds.sh; JFRP_CDS=off skips) ..." >&2
  if "$JFRP_ROOT/scripts/make-cds.sh" "${args[@]}" >"$JFRP_ROOT/target/jfrp-cds.log" 2>&1; then
    rm -f "$JFRP_CDS_DIR/.failed"
  else
    echo "jfrp: could not make the archives (log: target/jfrp-cds.log); starting without them" >&2
    touch "$JFRP_CDS_DIR/.failed"
  fi
}

# The JVM options of every start of either program (and of the archives' training run). The
# compiler (C1 only) is chosen in jfrp_runtime_opts, as for a release; the Tier4 thresholds that held
# C2 back while starting (docs/PERFORMANCE.md, "The JIT compiler: C1 alone") went with C2.
jfrp_common_jvm_opts() {
  if [[ -d "$JFRP_NATIVE_DIR" ]]; then
    printf '%s\n' "-Djava.library.path=$JFRP_NATIVE_DIR"
  fi
}

# The JVM options of program $1 (jfrps or jfrpc) with class path $2, one per line.
jfrp_jvm_opts() {
  jfrp_common_jvm_opts
  local jsa="$JFRP_CDS_DIR/$1.jsa" made_for=""
  [[ -f "$jsa.classpath" ]] && IFS= read -r made_for <"$jsa.classpath"
  if [[ "${JFRP_CDS:-on}" != off && "$made_for" == "$2" ]] && ! jfrp_cds_stale "$1"; then
    printf '%s\n' "-XX:SharedArchiveFile=$jsa" -Xshare:auto -Xlog:cds=off
  fi
}

# Replaces this shell with program $1 (jfrps or jfrpc), passing it the remaining arguments.
jfrp_exec() {
  local prog="$1" cp main opts=()
  shift
  # The class paths of jfrp_server_classpath and jfrp_client_classpath, without forking; the
  # optional jars (target/lib/optional) are added by the program when it needs them.
  if [[ $prog == jfrps ]]; then
    cp="$JFRP_SERVER_JAR:$JFRP_ROOT/server/target/lib/*" main=io.jfrp.server.cli.Jfrps
  else
    cp="$JFRP_CLIENT_JAR:$JFRP_ROOT/client/target/lib/*" main=io.jfrp.client.cli.Jfrpc
  fi
  jfrp_startup_prepare
  mapfile -t opts < <(jfrp_jvm_opts "$prog" "$cp"; jfrp_runtime_opts "$prog" "$(command -v java)"
                      jfrp_program_optional_opts "$prog")
  jfrp_runtime_env
  jfrp_raise_nofile
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options, split on spaces
  exec java "${opts[@]}" ${JAVA_OPTS:-} -cp "$cp" "$main" "$@"
}
