#!/usr/bin/env bash
# Measures how fast jfrps and jfrpc start, as frp's e2e suite sees it: jfrps from its launch until
# bindPort accepts a connection, and jfrpc from its launch until it logs "[tcp] start proxy success"
# (login and the proxy's registration included). For each, the wall time and the CPU time the JVM
# had used by then (user + system, all its threads, from /proc/PID/stat): on a shared, loaded
# machine the wall time is noisy and the CPU time is the steadier figure.
#
#   scripts/measure-startup.sh [--runs N] [--bin DIR] [--java-opts "OPTS"] [--env-empty]
#
# --runs N       runs of each program (default 5); prints each run and the medians
# --bin DIR      where jfrps and jfrpc are (default bin/ of this checkout)
# --java-opts    JAVA_OPTS for both programs (e.g. "-XX:TieredStopAtLevel=1"), to compare flags
# --env-empty    start both programs with an empty environment, as frp's e2e suite does
#
# Both programs run on 127.0.0.1 with free ports outside the ephemeral range, with the suite's usual files
# (log.level = "trace", loginFailExit = false, one tcp proxy). The programs are built first (by
# their launchers) so that no run includes a build. Needs bash, coreutils, awk and getconf.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5 bin="$root/bin" java_opts="" env_empty=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --env-empty) env_empty=1; shift ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "measure-startup: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
# shellcheck source=scripts/lib/process-probes.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/process-probes.sh"
scratch_with_cleanup startup

"$bin/jfrps" --version >/dev/null
"$bin/jfrpc" --version >/dev/null

launch() {  # PROGRAM LOG ARGS...: starts it in the background (its PID in $launched)
  local prog="$1" log="$2"; shift 2
  if [[ -n "$env_empty" ]]; then
    env -i ${java_opts:+JAVA_OPTS="$java_opts"} "$bin/$prog" "$@" >"$log" 2>&1 &
  else
    JAVA_OPTS="$java_opts" "$bin/$prog" "$@" >"$log" 2>&1 &
  fi
  launched=$!
  pids+=("$launched")
}
stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

server_wall=() server_cpu=() client_wall=() client_cpu=()
for run in $(seq 1 "$runs"); do
  bind=$(free_port) && remote=$(free_port "$bind") && local_=$(free_port "$bind" "$remote")
  printf 'bindAddr = "127.0.0.1"\nbindPort = %d\nlog.level = "trace"\n' "$bind" >"$work/frps"
  printf 'serverAddr = "127.0.0.1"\nserverPort = %d\nloginFailExit = false\nlog.level = "trace"\n\n[[proxies]]\nname = "tcp"\ntype = "tcp"\nlocalPort = %d\nremotePort = %d\n' \
    "$bind" "$local_" "$remote" >"$work/frpc"
  t0=$(now); launch jfrps "$work/frps.log" -c "$work/frps"; server=$launched
  await_port "$bind" "$server" || true
  t1=$(now)
  accepting "$bind" || { echo "jfrps did not start:" >&2; cat "$work/frps.log" >&2; exit 1; }
  sc=$(cpu_of "$server"); sw=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  t0=$(now); launch jfrpc "$work/frpc.log" -c "$work/frpc"; client=$launched
  for _ in $(seq 1 3000); do
    grep -q '\[tcp\] start proxy success' "$work/frpc.log" && break
    kill -0 "$client" 2>/dev/null || break
    sleep 0.01
  done
  t1=$(now)
  grep -q '\[tcp\] start proxy success' "$work/frpc.log" || { echo "jfrpc did not start its proxy:" >&2; cat "$work/frpc.log" >&2; exit 1; }
  cc=$(cpu_of "$client"); cw=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  stop "$client"; stop "$server"; pids=()
  printf 'run %d: jfrps accepts after %s s (%s s CPU), jfrpc proxy started after %s s (%s s CPU); load %s\n' \
    "$run" "$sw" "$sc" "$cw" "$cc" "$(cut -d' ' -f1 /proc/loadavg)"
  server_wall+=("$sw") server_cpu+=("$sc") client_wall+=("$cw") client_cpu+=("$cc")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median of $runs: jfrps accepts after $(median "${server_wall[@]}") s ($(median "${server_cpu[@]}") s CPU);" \
     "jfrpc proxy started after $(median "${client_wall[@]}") s ($(median "${client_cpu[@]}") s CPU)" \
     "${java_opts:+[JAVA_OPTS=$java_opts]}"
