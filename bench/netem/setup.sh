#!/usr/bin/env bash
# Creates the emulated long link of the high-latency scenario (bin/jfrp-bench): namespaces jfrp-a (10.99.0.1/24) and
# jfrp-b (10.99.0.2/24) joined by a link with DELAY each way (RTT = 2 x DELAY, default 50 ms).
# The addresses exist only inside these two namespaces; no traffic leaves them.
#
#   setup.sh [--delay-ms 25] [--rate 1gbit] [--emulator auto|netem|tun] [--tcp-mem BYTES]
#
# Emulators:
#   netem  a veth pair with `tc qdisc add dev <veth> root netem delay 25ms` on both ends.
#   tun    for kernels without sch_netem (tc says "Specified qdisc kind is unknown"): a TUN device in
#          each namespace and bench/netem/delay-link.py (python3, root ns) forwarding IP packets
#          between them after the delay. Real kernel TCP on both sides sees the real RTT.
#   auto   (default) netem when the kernel has it, else tun.
# --rate   optional bandwidth cap each way (netem rate / delay-link --rate), e.g. 1gbit, 200mbit.
# --tcp-mem raise net.ipv4.tcp_rmem/tcp_wmem maximum inside both namespaces (default: kernel's).
# Needs root and iproute2. teardown.sh undoes everything.
set -euo pipefail

DELAY_MS=25
RATE=""
EMULATOR=auto
TCP_MEM=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --delay-ms) DELAY_MS="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --emulator) EMULATOR="$2"; shift 2 ;;
    --tcp-mem) TCP_MEM="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE=/run/jfrp-netem
NS_A=jfrp-a
NS_B=jfrp-b
ADDR_A=10.99.0.1
ADDR_B=10.99.0.2

if [[ $EUID -ne 0 ]]; then echo "setup.sh: needs root" >&2; exit 1; fi
command -v ip >/dev/null && command -v tc >/dev/null || { echo "setup.sh: needs iproute2 (ip, tc)" >&2; exit 1; }

if ip netns list | grep -qE "^($NS_A|$NS_B)( |$)"; then
  echo "setup.sh: namespaces exist already; running teardown.sh first" >&2
  "$HERE/teardown.sh"
fi
mkdir -p "$STATE"

ip netns add "$NS_A"
ip netns add "$NS_B"
for ns in "$NS_A" "$NS_B"; do
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 || true
  if [[ -n "$TCP_MEM" ]]; then
    ip netns exec "$ns" sysctl -qw "net.ipv4.tcp_rmem=4096 131072 $TCP_MEM" "net.ipv4.tcp_wmem=4096 16384 $TCP_MEM"
  fi
done

netem_works() {
  ip link add jfrp-probe0 type veth peer name jfrp-probe1 2>/dev/null || return 1
  local ok=0
  tc qdisc add dev jfrp-probe0 root netem delay 1ms 2>/dev/null || ok=1
  ip link del jfrp-probe0 2>/dev/null || true
  return $ok
}

if [[ "$EMULATOR" == auto ]]; then
  if netem_works; then EMULATOR=netem; else EMULATOR=tun; echo "setup.sh: this kernel has no sch_netem; using the TUN delay line" >&2; fi
fi

rate_bits() { # 1gbit -> 1000000000
  local v="${1,,}"
  case "$v" in
    *gbit) echo $(( ${v%gbit} * 1000000000 )) ;;
    *mbit) echo $(( ${v%mbit} * 1000000 )) ;;
    *kbit) echo $(( ${v%kbit} * 1000 )) ;;
    *bit) echo "${v%bit}" ;;
    *) echo "setup.sh: rate must end in gbit, mbit, kbit or bit: $1" >&2; exit 2 ;;
  esac
}

case "$EMULATOR" in
  netem)
    ip link add jfrp-va netns "$NS_A" type veth peer name jfrp-vb netns "$NS_B"
    ip -n "$NS_A" addr add "$ADDR_A/24" dev jfrp-va
    ip -n "$NS_B" addr add "$ADDR_B/24" dev jfrp-vb
    ip -n "$NS_A" link set jfrp-va up
    ip -n "$NS_B" link set jfrp-vb up
    for pair in "$NS_A jfrp-va" "$NS_B jfrp-vb"; do
      set -- $pair
      ip netns exec "$1" tc qdisc add dev "$2" root netem delay "${DELAY_MS}ms" limit 100000 ${RATE:+rate $RATE}
    done
    LINK="veth + netem delay ${DELAY_MS}ms each way${RATE:+, rate $RATE}"
    ;;
  tun)
    command -v python3 >/dev/null || { echo "setup.sh: the tun emulator needs python3" >&2; exit 1; }
    for pair in "$NS_A $ADDR_A" "$NS_B $ADDR_B"; do
      set -- $pair
      ip netns exec "$1" ip tuntap add dev jfrp-tun mode tun
      ip -n "$1" link set jfrp-tun mtu 65535
      ip -n "$1" addr add "$2/24" dev jfrp-tun
      ip -n "$1" link set jfrp-tun up
    done
    RATE_ARG=()
    if [[ -n "$RATE" ]]; then RATE_ARG=(--rate "$(rate_bits "$RATE")"); fi
    nohup python3 "$HERE/delay-link.py" --netns-a "$NS_A" --netns-b "$NS_B" --dev jfrp-tun \
      --delay-ms "$DELAY_MS" "${RATE_ARG[@]}" --pidfile "$STATE/delay-link.pid" \
      >"$STATE/delay-link.log" 2>&1 &
    for _ in $(seq 50); do [[ -s "$STATE/delay-link.pid" ]] && break; sleep 0.1; done
    [[ -s "$STATE/delay-link.pid" ]] || { echo "setup.sh: delay-link.py did not start:" >&2; cat "$STATE/delay-link.log" >&2; exit 1; }
    LINK="TUN + user-space delay line (delay-link.py) ${DELAY_MS}ms each way, MTU 65535${RATE:+, rate $RATE}"
    ;;
  *) echo "setup.sh: emulator must be auto, netem or tun" >&2; exit 2 ;;
esac
[[ -n "$TCP_MEM" ]] && LINK="$LINK, tcp_rmem/wmem max $TCP_MEM"
echo "$LINK" > "$STATE/link"

# Check the path: TCP connect time from jfrp-a to jfrp-b is one RTT (about 2 x DELAY).
PROBE_PORT=7399
timeout 20 ip netns exec "$NS_B" python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(8); s.settimeout(15)
for _ in range(4):
    c, _ = s.accept(); c.close()
' "$ADDR_B" "$PROBE_PORT" &
PROBE_PID=$!
# the listener may take a while to start on a busy machine: wait for it, then time three connects
if RTT="$(timeout 15 ip netns exec "$NS_A" python3 -c '
import socket, sys, time
addr = (sys.argv[1], int(sys.argv[2]))
for _ in range(100):
    try:
        socket.create_connection(addr, timeout=5).close()
        break
    except ConnectionRefusedError:
        time.sleep(0.1)
samples = []
for _ in range(3):
    t = time.monotonic()
    c = socket.create_connection(addr, timeout=5)
    samples.append((time.monotonic() - t) * 1000)
    c.close()
print("%.1f ms" % sorted(samples)[1])
' "$ADDR_B" "$PROBE_PORT")"; then
  echo "setup.sh: $NS_A $ADDR_A <-> $NS_B $ADDR_B up: $LINK; TCP connect RTT $RTT"
else
  echo "setup.sh: $NS_A cannot reach $ADDR_B:$PROBE_PORT over the link ($LINK)" >&2
  wait "$PROBE_PID" 2>/dev/null || true
  exit 1
fi
wait "$PROBE_PID" 2>/dev/null || true
