#!/usr/bin/env bash
# How much one stream through tcpMux+TLS depends on where the kernel puts the four busy processes
# (issue 16, docs/PERFORMANCE.md "Why one stream's rate moves between runs"): one warm pair on 127.0.0.1, then
# round after round one `iperf3 -t S` upload per placement, each process's threads pinned with taskset.
#
#   scripts/measure-placement.sh [--frp-home DIR] [--rounds N] [--seconds S] [--placements "free two-hosts ..."]
#
# --frp-home DIR   measure stock frp (DIR/frps, DIR/frpc) instead of bin/jfrps and bin/jfrpc of this checkout
# --rounds N       rounds of all placements (default 3)
# --seconds S      seconds per iperf3 run (default 3)
# --placements     any of: free (the kernel's choice), two-hosts (iperf3 -c and the server on CPU 0, the
#                  client and iperf3 -s on CPU 1), stacked (server and client on CPU 0, both iperf3 on
#                  CPU 1), crossed (iperf3 -c and the client on CPU 0, the server and iperf3 -s on CPU 1);
#                  default all four, in that order. Needs two CPUs (0 and 1).
#
# Warm-up: 1 GiB up and 1 GiB down before the first round. Each line: round, placement, Gbit/s as
# iperf3's receiver counted, the load average, each CPU's busy share and the server's, the client's
# and iperf3 -s's CPU (utime + stime of /proc/PID/stat) over the run. Everything runs at nice 15.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
frp_home=""; rounds=3; seconds=3; placements="free two-hosts stacked crossed"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --frp-home) frp_home="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --placements) placements="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
done
for tool in iperf3 taskset python3 ss; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (scripts/install-test-deps.sh)" >&2; exit 1; }
done
dir="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT

read -r bind_port service_port remote_port < <(python3 -c 'import socket
s = [socket.socket() for _ in range(3)]
[x.bind(("127.0.0.1", 0)) for x in s]
print(*[x.getsockname()[1] for x in s])')
token="$(cat /proc/sys/kernel/random/uuid)"
self_signed=""
[[ -z "$frp_home" ]] && self_signed="jfrp.selfSignedDir = '$dir/self-signed'"
cat > "$dir/frps.toml" <<EOF
bindAddr = '127.0.0.1'
bindPort = $bind_port
auth.token = '$token'
log.level = 'warn'
transport.tcpMux = true
$self_signed
EOF
cat > "$dir/frpc.toml" <<EOF
serverAddr = '127.0.0.1'
serverPort = $bind_port
auth.token = '$token'
loginFailExit = true
log.level = 'warn'
transport.tcpMux = true
transport.tls.enable = true
transport.poolCount = 0
proxies = [{name = 'placement', type = 'tcp', localIP = '127.0.0.1', localPort = $service_port, remotePort = $remote_port}]
EOF
server="${frp_home:+$frp_home/frps}"; server="${server:-$root/bin/jfrps}"
client="${frp_home:+$frp_home/frpc}"; client="${client:-$root/bin/jfrpc}"

await_port() { # port: waits up to 30 s until something listens on it (without connecting: a connection
  # through the tunnel would reach iperf3 -s as a test that never starts)
  for _ in $(seq 150); do
    [[ -n "$(ss -Hltn "sport = :$1")" ]] && return 0
    sleep 0.2
  done
  echo "nothing listens on port $1 (logs in $dir)" >&2; exit 1
}
nice -n 15 iperf3 -s -B 127.0.0.1 -p "$service_port" > "$dir/iperf3-s.log" 2>&1 & iperf_pid=$!; pids+=("$iperf_pid")
nice -n 15 "$server" -c "$dir/frps.toml" > "$dir/server.log" 2>&1 & server_pid=$!; pids+=("$server_pid")
await_port "$bind_port"
nice -n 15 "$client" -c "$dir/frpc.toml" > "$dir/client.log" 2>&1 & client_pid=$!; pids+=("$client_pid")
await_port "$remote_port"

nice -n 15 iperf3 -c 127.0.0.1 -p "$remote_port" -n 1G > /dev/null
nice -n 15 iperf3 -c 127.0.0.1 -p "$remote_port" -n 1G -R > /dev/null

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for round in $(seq "$rounds"); do
  for placement in $placements; do
    case "$placement" in
      free) c=0-1; s=0-1; k=0-1; i=0-1 ;;
      two-hosts) c=0; s=0; k=1; i=1 ;;
      stacked) c=1; s=0; k=0; i=1 ;;
      crossed) c=0; s=1; k=0; i=1 ;;
      *) echo "unknown placement $placement" >&2; exit 2 ;;
    esac
    taskset -a -pc "$s" "$server_pid" > /dev/null
    taskset -a -pc "$k" "$client_pid" > /dev/null
    taskset -a -pc "$i" "$iperf_pid" > /dev/null
    load="$(cut -d' ' -f1 /proc/loadavg)"
    before="$(grep -E '^cpu[01] ' /proc/stat)"
    s0="$(cpu_ticks "$server_pid")"; k0="$(cpu_ticks "$client_pid")"; i0="$(cpu_ticks "$iperf_pid")"
    nice -n 15 taskset -c "$c" iperf3 -c 127.0.0.1 -p "$remote_port" -t "$seconds" -J > "$dir/run.json" || true
    s1="$(cpu_ticks "$server_pid")"; k1="$(cpu_ticks "$client_pid")"; i1="$(cpu_ticks "$iperf_pid")"
    after="$(grep -E '^cpu[01] ' /proc/stat)"
    python3 - "$dir/run.json" "$before" "$after" "$round" "$placement" "$load" \
        "$((s1 - s0))" "$((k1 - k0))" "$((i1 - i0))" <<'EOF'
import json, sys
path, before, after, rnd, placement, load, server, client, iperf = sys.argv[1:]
try:
    gbit = '%.2f' % (json.load(open(path))['end']['sum_received']['bits_per_second'] / 1e9)
except (ValueError, KeyError):
    gbit = 'failed'
parse = lambda text: {l.split()[0]: [int(x) for x in l.split()[1:]] for l in text.splitlines()}
a, b = parse(before), parse(after)
def busy(cpu):
    total = sum(b[cpu]) - sum(a[cpu]); idle = b[cpu][3] + b[cpu][4] - a[cpu][3] - a[cpu][4]
    return 100.0 * (total - idle) / max(total, 1), total
cpu0, ticks = busy('cpu0'); cpu1, _ = busy('cpu1')
share = lambda t: 100.0 * int(t) / max(ticks, 1)
print('%s %-9s %7s Gbit/s  load %s  cpu0 %3.0f%% cpu1 %3.0f%%  server %3.0f%% client %3.0f%% iperf3-s %3.0f%%'
      % (rnd, placement, gbit, load, cpu0, cpu1, share(server), share(client), share(iperf)))
EOF
  done
done
