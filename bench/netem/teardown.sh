#!/usr/bin/env bash
# Removes what setup.sh made: the delay-link process (if any), namespaces jfrp-a and jfrp-b (and
# with them the veth pair or the TUN devices), and /run/jfrp-netem. Safe to run more than once.
set -uo pipefail
STATE=/run/jfrp-netem
if [[ -s "$STATE/delay-link.pid" ]]; then
  pid="$(cat "$STATE/delay-link.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  [[ -f "$STATE/delay-link.log" ]] && tail -2 "$STATE/delay-link.log" >&2
fi
for ns in jfrp-a jfrp-b; do
  if ip netns list | grep -qE "^$ns( |$)"; then
    ip netns del "$ns"
  fi
done
ip link del jfrp-probe0 2>/dev/null || true
rm -rf "$STATE"
echo "teardown.sh: removed jfrp-a, jfrp-b and the delay line"
