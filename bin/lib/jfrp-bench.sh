# Sourced by bin/jfrp-mux-peer, bin/jfrp-mux-bench and bench/netem/run-high-latency.sh.
# Builds the bench module when its jar or runtime libraries are missing or older than the sources
# (set JFRP_REBUILD=1 to force), and gives the class path.
JFRP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JFRP_BENCH_JAR="$JFRP_ROOT/bench/target/jfrp-bench-0.1.0-SNAPSHOT.jar"

jfrp_bench_build() {
  local stale=""
  if [[ -n "${JFRP_REBUILD:-}" || ! -f "$JFRP_BENCH_JAR" || ! -d "$JFRP_ROOT/bench/target/lib" ]]; then
    stale=yes
  elif [[ -n "$(find "$JFRP_ROOT/bench/src" "$JFRP_ROOT/mux/src/main" "$JFRP_ROOT/bench/pom.xml" "$JFRP_ROOT/mux/pom.xml" \
                 "$JFRP_ROOT/pom.xml" -newer "$JFRP_BENCH_JAR" -type f -print -quit 2>/dev/null)" ]]; then
    stale=yes
  fi
  if [[ -n "$stale" ]]; then
    echo "building bench (mvn -q -Dmaven.test.skip=true -pl bench -am package) ..." >&2
    # maven.test.skip (not just skipTests): test sources are not even compiled, so work in progress
    # under */src/test cannot break a benchmark build.
    (cd "$JFRP_ROOT" && mvn -q -Dmaven.test.skip=true -pl bench -am package) >&2
  fi
}

jfrp_bench_classpath() {
  echo "$JFRP_BENCH_JAR:$JFRP_ROOT/bench/target/lib/*"
}
