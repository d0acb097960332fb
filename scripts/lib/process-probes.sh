# Probes the scripts that start jfrps and jfrpc share (scripts/measure-startup.sh,
# scripts/measure-footprint.sh, scripts/make-cds.sh): a scratch directory cleaned up on exit with
# the processes started, whether a loopback port accepts, waiting for it, a free port, the time, and
# a process's CPU seconds. Sourced. Needs bash and coreutils (cpu_of: awk and getconf), since
# make-cds.sh runs from a Debian postinst on a bare server (a release installs this file beside it).

# Makes the scratch directory $work (jfrp-$1.XXXXXX under $TMPDIR) and the list $pids of processes
# started; on exit each of them is killed and $work removed. With $2, each is first sent SIGTERM
# and given $2 seconds.
scratch_with_cleanup() {
  work="$(mktemp -d "${TMPDIR:-/tmp}/jfrp-$1.XXXXXX")"
  pids=()
  scratch_grace="${2:-}"
  trap kill_started_and_remove_scratch EXIT
}
kill_started_and_remove_scratch() {
  local p
  if [[ -n "$scratch_grace" ]]; then
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    sleep "$scratch_grace"
  fi
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$work"
}

# Whether 127.0.0.1:$1 accepts a TCP connection now.
accepting() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until port $1 accepts while process $2 lives, polling $3 times (default 3000) every $4
# seconds (default 0.01: 30 s in all); 1 when it did not.
await_port() {
  for _ in $(seq 1 "${3:-3000}"); do
    accepting "$1" && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep "${4:-0.01}"
  done
  return 1
}

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
  echo "$(basename "$0"): found no free port outside the ephemeral range" >&2
  return 1
}

# Seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }

# CPU seconds process $1 has used (utime + stime, all threads).
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat"; }
