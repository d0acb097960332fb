# shellcheck shell=bash
# How jfrps and jfrpc are run, whichever launcher starts them: sourced by bin/lib/jfrp-launch.sh (a
# checkout) and by the release's lib/jfrp-launch.sh (installed there by packaging/build-release.sh),
# so that both run the programs with the same JVM options and process limits.

# The JVM options of program $1 (jfrps or jfrpc), one per line. JAVA_OPTS comes after them on the
# command line, so any of them can be overridden there (-Xmx512m, -XX:+UseSerialGC, ...).
#
#  - Heap: a share of the machine's memory (or of the cgroup's limit, which the JVM reads), jfrps
#    more since it is a server's main job; the rest is left for Netty's direct buffers, thread stacks
#    and the kernel's socket buffers. What a client or a peer can make the server hold is bounded by
#    jfrp's own limits long before this (docs/SECURITY.md).
#  - G1 with a periodic collection: after 30 s without a collection G1 runs one and gives unused heap
#    back to the system, so the resident size falls again after a burst of connections instead of
#    staying at its peak until the next collection.
#  - Out of memory: never carry on half-dead (event-loop threads dying one by one while the process
#    stays up). The message says why, then the JVM exits (status 3) so that a supervisor restarts it
#    (the systemd units have Restart=on-failure). The JVM splits the command at each ";", so
#    the message has none.
jfrp_runtime_opts() {
  case "$1" in
    jfrps) printf '%s\n' -XX:MaxRAMPercentage=50 ;;
    *) printf '%s\n' -XX:MaxRAMPercentage=25 ;;
  esac
  printf '%s\n' -XX:+UseG1GC -XX:G1PeriodicGCInterval=30000 -XX:+ExitOnOutOfMemoryError \
    "-XX:OnOutOfMemoryError=echo '$1: out of memory (pid %p): exiting so that its supervisor restarts it. If this recurs, give it a larger heap (JAVA_OPTS=-Xmx...)' >&2"
}

# Raises this shell's soft limit on open files to the hard limit before the program starts: every
# connection is a descriptor, and a server that runs out refuses new clients (jfrps then pauses
# accepting and logs once per interval). The hard limit is the operator's: LimitNOFILE= in a systemd
# unit (the units shipped set 1048576), or `ulimit -Hn` / limits.conf for a shell.
jfrp_raise_nofile() {
  local hard
  hard="$(ulimit -Hn)"
  if [[ "$hard" == unlimited ]]; then
    hard=1048576
  fi
  ulimit -Sn "$hard" 2>/dev/null || true
}
