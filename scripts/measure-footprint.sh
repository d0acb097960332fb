#!/usr/bin/env bash
# Measures what jfrps and jfrpc cost as a user runs them (issue 16): how soon each is ready, how
# much memory each holds idle with one proxy, and whether memory is given back after a burst.
#
#   scripts/measure-footprint.sh [--bin DIR] [--java-opts "OPTS"] [--burst N] [--idle S]
#                                [--after "0 30 60"] [--nmt]
#
# --bin DIR      where jfrps and jfrpc are (default bin/ of this checkout; a release's bin/ works)
# --java-opts    JAVA_OPTS for both programs, to compare JVM options
# --burst N      connections through the tcp proxy in the burst (default 2000; 0 skips the burst)
# --idle S       seconds idle before the idle RSS is read (default 10)
# --after LIST   seconds after the burst's last close at which RSS is read (default "0 30 60")
# --nmt          run both with -XX:NativeMemoryTracking=summary and print `jcmd VM.native_memory
#                summary` of each when idle and at the end (NMT itself costs a little memory)
#
# Start-up: jfrps from its launch until bindPort accepts; jfrpc from its launch until the proxy's
# remote port on jfrps accepts (login and the proxy's registration included). The ports are polled
# every 10 ms. RSS is VmRSS of /proc/PID/status of the JVM. The burst: N connections through the
# tcp proxy to an echo service (at most 100 open at once), each sending 4 KiB and reading it back
# before closing. Both programs run on 127.0.0.1 with free ports, token auth, tcpMux over TLS (the
# defaults). Needs bash, coreutils, awk, python3 (the echo service and the burst client).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/bin" java_opts="" burst=2000 idle=10 after="0 30 60" nmt=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --burst) burst="$2"; shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    --after) after="$2"; shift 2 ;;
    --nmt) nmt=1; shift ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "measure-footprint: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ -n "$nmt" ]] && java_opts="-XX:NativeMemoryTracking=summary $java_opts"
# shellcheck source=scripts/lib/process-probes.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/process-probes.sh"
scratch_with_cleanup footprint 0.5

# Built (and CDS archives made) by the launchers themselves, before anything is timed.
"$bin/jfrps" --version >/dev/null
"$bin/jfrpc" --version >/dev/null
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# RSS with its parts: "R MiB (anon A + file F)"; file pages are mostly the mapped CDS archives,
# shared with every other process that maps them.
rss_parts() {
  awk '/^VmRSS:/ { r = $2 } /^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } /^RssShmem:/ { f += $2 }
       END { printf "%.1f MiB (anon %.1f + file %.1f)", r / 1024, a / 1024, f / 1024 }' "/proc/$1/status"
}
threads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }
nmt_of() {
  [[ -n "$nmt" ]] || return 0
  echo "---- NMT $1 ($2)"
  jcmd "$2" VM.native_memory summary 2>/dev/null \
    | awk '/^Total:|^-  *[A-Za-z]/ { sub(/^-  */, ""); print "  " $0 }' \
    | grep -v 'committed=0KB' || true
}

bind=$(free_port) && remote=$(free_port "$bind") && echo_port=$(free_port "$bind" "$remote")
token="footprint-$RANDOM$RANDOM"
printf 'bindAddr = "127.0.0.1"\nbindPort = %d\nproxyBindAddr = "127.0.0.1"\nauth.token = "%s"\n' \
  "$bind" "$token" >"$work/frps.toml"
printf 'serverAddr = "127.0.0.1"\nserverPort = %d\nauth.token = "%s"\n\n[[proxies]]\nname = "tcp"\ntype = "tcp"\nlocalIP = "127.0.0.1"\nlocalPort = %d\nremotePort = %d\n' \
  "$bind" "$token" "$echo_port" "$remote" >"$work/frpc.toml"

python3 - "$echo_port" >"$work/echo.log" 2>&1 <<'EOF' &
import asyncio, sys
async def echo(r, w):
    try:
        while data := await r.read(65536):
            w.write(data); await w.drain()
    finally:
        w.close()
async def main():
    s = await asyncio.start_server(echo, "127.0.0.1", int(sys.argv[1]), backlog=1024)
    async with s: await s.serve_forever()
asyncio.run(main())
EOF
pids+=($!)

cd "$work"
t0=$(now)
JAVA_OPTS="$java_opts" "$bin/jfrps" -c "$work/frps.toml" >"$work/jfrps.log" 2>&1 &
server=$!; pids+=("$server")
await_port "$bind" "$server" || { echo "jfrps did not start:" >&2; cat "$work/jfrps.log" >&2; exit 1; }
t1=$(now); server_cpu=$(cpu_of "$server")
JAVA_OPTS="$java_opts" "$bin/jfrpc" -c "$work/frpc.toml" >"$work/jfrpc.log" 2>&1 &
client=$!; pids+=("$client")
await_port "$remote" "$client" || { echo "jfrpc did not open its proxy:" >&2; cat "$work/jfrpc.log" >&2; exit 1; }
t2=$(now); client_cpu=$(cpu_of "$client")
await_port "$echo_port" "$server" || true
printf 'start-up: jfrps accepts after %.2f s (%s s CPU); jfrpc proxy open after %.2f s (%s s CPU) (load %s)\n' \
  "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$server_cpu" \
  "$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')" "$client_cpu" \
  "$(cut -d' ' -f1 /proc/loadavg)"

sleep "$idle"
printf 'idle %s s: jfrps RSS %s, %s threads; jfrpc RSS %s, %s threads\n' "$idle" \
  "$(rss_parts "$server")" "$(threads "$server")" "$(rss_parts "$client")" "$(threads "$client")"
nmt_of jfrps "$server"; nmt_of jfrpc "$client"

if [[ "$burst" -gt 0 ]]; then
  python3 - "$remote" "$burst" <<'EOF'
import asyncio, hashlib, os, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
payload = os.urandom(4096)
async def one(sem):
    async with sem:
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(payload); await w.drain()
        got = await asyncio.wait_for(r.readexactly(len(payload)), 20)
        w.close(); await w.wait_closed()
        return hashlib.sha256(got).digest() == hashlib.sha256(payload).digest()
async def main():
    sem = asyncio.Semaphore(100)
    t = time.monotonic()
    ok = await asyncio.wait_for(asyncio.gather(*(one(sem) for _ in range(n))), 120)
    bad = ok.count(False)
    print(f"burst: {n} connections through the tcp proxy in {time.monotonic() - t:.1f} s, {bad} with wrong bytes")
    if bad: sys.exit(1)
asyncio.run(main())
EOF
  prev=0
  for s in $after; do
    sleep $(( s - prev )); prev=$s
    printf 'after burst +%s s: jfrps RSS %s; jfrpc RSS %s\n' "$s" "$(rss_parts "$server")" "$(rss_parts "$client")"
  done
  nmt_of jfrps "$server"; nmt_of jfrpc "$client"
fi
echo "${java_opts:+[JAVA_OPTS=$java_opts]}"
