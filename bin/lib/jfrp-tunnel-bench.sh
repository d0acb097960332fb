# Sourced by bin/jfrp-tunnel-bench. Like jfrp-bench.sh (which it sources for the paths and the
# class path), but the bench jar is also rebuilt when the sources of what the tunnel benchmark runs
# change: server, client, protocol, certs, config and mux (set JFRP_REBUILD=1 to force).
source "$(dirname "${BASH_SOURCE[0]}")/jfrp-bench.sh"

jfrp_tunnel_bench_build() {
  local stale="" m
  local -a watched=("$JFRP_ROOT/bench/src" "$JFRP_ROOT/pom.xml")
  for m in bench mux protocol certs config client server; do
    watched+=("$JFRP_ROOT/$m/pom.xml")
    [[ -d "$JFRP_ROOT/$m/src/main" ]] && watched+=("$JFRP_ROOT/$m/src/main")
  done
  if [[ -n "${JFRP_REBUILD:-}" || ! -f "$JFRP_BENCH_JAR" || ! -d "$JFRP_ROOT/bench/target/lib" \
        || ! -f "$JFRP_ROOT/bench/target/lib/jfrp-server-0.1.0-SNAPSHOT.jar" ]]; then
    stale=yes
  elif [[ -n "$(find "${watched[@]}" -newer "$JFRP_BENCH_JAR" -type f -print -quit 2>/dev/null)" ]]; then
    stale=yes
  fi
  if [[ -n "$stale" ]]; then
    echo "building bench (mvn -q -Dmaven.test.skip=true -pl bench -am package) ..." >&2
    # maven.test.skip (not just skipTests): test sources are not even compiled, so work in progress
    # under */src/test cannot break a benchmark build.
    (cd "$JFRP_ROOT" && mvn -q -Dmaven.test.skip=true -pl bench -am package) >&2
  fi
}
