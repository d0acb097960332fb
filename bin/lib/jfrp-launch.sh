# Sourced by bin/jfrps, bin/jfrpc and bin/jfrp-demo. Builds the server and client modules (and what
# they depend on) when a jar or its runtime libraries are missing or older than the sources, and gives
# the class paths. JFRP_REBUILD=1 forces a build; JFRP_MAVEN_ARGS adds arguments to the mvn command
# line (for example -o when offline).
JFRP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JFRP_VERSION="0.1.0-SNAPSHOT"
JFRP_SERVER_JAR="$JFRP_ROOT/server/target/jfrp-server-$JFRP_VERSION.jar"
JFRP_CLIENT_JAR="$JFRP_ROOT/client/target/jfrp-client-$JFRP_VERSION.jar"

# Whether either jar, or its lib directory, is missing or older than a source file: the main sources
# of the modules jfrps and jfrpc are made of, and the poms.
jfrp_launch_stale() {
  local jar m
  local sources=("$JFRP_ROOT/pom.xml")
  [[ -n "${JFRP_REBUILD:-}" ]] && return 0
  for m in mux protocol certs config server client; do
    sources+=("$JFRP_ROOT/$m/src/main" "$JFRP_ROOT/$m/pom.xml")
  done
  for jar in "$JFRP_SERVER_JAR" "$JFRP_CLIENT_JAR"; do
    [[ -f "$jar" && -d "$(dirname "$jar")/lib" ]] || return 0
    if [[ -n "$(find "${sources[@]}" -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
      return 0
    fi
  done
  return 1
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

# ---- Runtime: the JVM options and the open-file limit, the same as a release's launchers use
# (packaging/launcher/jfrp-jvm.sh): jfrp_runtime_opts PROGRAM, jfrp_raise_nofile.
# shellcheck source=packaging/launcher/jfrp-jvm.sh
source "$JFRP_ROOT/packaging/launcher/jfrp-jvm.sh"
