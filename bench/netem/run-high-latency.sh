#!/usr/bin/env bash
# Sets up the 50 ms RTT link (setup.sh), runs HighLatencyBenchmark with the driver in jfrp-a and
# the receivers in jfrp-b, and tears the link down on exit (also on failure or Ctrl-C).
#
#   bench/netem/run-high-latency.sh [--delay-ms 25] [--rate 1gbit] [--emulator auto|netem|tun]
#                                   [--tcp-mem BYTES] [benchmark options, e.g. --seconds 10 --rounds 3]
# Needs root, iproute2 (and python3 for the tun emulator).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/../../bin/lib/jfrp-bench.sh"

SETUP_ARGS=()
BENCH_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --delay-ms|--rate|--emulator|--tcp-mem) SETUP_ARGS+=("$1" "$2"); shift 2 ;;
    *) BENCH_ARGS+=("$1"); shift ;;
  esac
done

jfrp_bench_build   # before entering the namespace: Maven may need the registry
trap '"$HERE/teardown.sh"' EXIT
"$HERE/setup.sh" "${SETUP_ARGS[@]}"
LINK="$(cat /run/jfrp-netem/link)"
# shellcheck disable=SC2086
ip netns exec jfrp-a java ${JAVA_OPTS:--Xmx2g} -Djfrp.bench.results="$JFRP_ROOT/bench/results" \
  -cp "$(jfrp_bench_classpath)" io.jfrp.bench.mux.HighLatencyBenchmark \
  --server-netns jfrp-b --host 10.99.0.2 --link "$LINK" "${BENCH_ARGS[@]}"
