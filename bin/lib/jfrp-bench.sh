# Sourced by bin/jfrp-bench. Builds the bench module when its jar or runtime
# libraries are missing or older than the sources of what it links (bench, mux, protocol and the
# poms; JFRP_REBUILD=1 forces it), and gives its class path. jfrps and jfrpc are not linked: the
# harness runs bin/jfrps and bin/jfrpc, which lib/jfrp-launch.sh (sourced here) builds.
source "$(dirname "${BASH_SOURCE[0]}")/jfrp-launch.sh"
JFRP_BENCH_JAR="$JFRP_ROOT/bench/target/jfrp-bench-$JFRP_VERSION.jar"

jfrp_bench_build() {
  local stale="" m
  local -a watched=("$JFRP_ROOT/pom.xml")
  for m in bench mux protocol; do
    watched+=("$JFRP_ROOT/$m/pom.xml" "$JFRP_ROOT/$m/src/main")
  done
  watched+=("$JFRP_ROOT/bench/src")
  if [[ -n "${JFRP_REBUILD:-}" || ! -f "$JFRP_BENCH_JAR" || ! -d "$JFRP_ROOT/bench/target/lib" ]]; then
    stale=yes
  elif [[ -n "$(find "${watched[@]}" -newer "$JFRP_BENCH_JAR" -type f -print -quit 2>/dev/null)" ]]; then
    stale=yes
  fi
  if [[ -n "$stale" ]]; then
    echo "building bench (mvn -q -B -Dmaven.test.skip=true -pl bench -am package) ..." >&2
    # maven.test.skip (not just skipTests): test sources are not even compiled, so work in progress
    # under */src/test cannot break a benchmark build.
    # shellcheck disable=SC2086
    (cd "$JFRP_ROOT" && mvn -q -B -Dmaven.test.skip=true ${JFRP_MAVEN_ARGS:-} -pl bench -am package) >&2
    touch "$JFRP_BENCH_JAR"
  fi
}

jfrp_bench_classpath() {
  echo "$JFRP_BENCH_JAR:$JFRP_ROOT/bench/target/lib/*"
}
