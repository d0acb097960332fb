# Probes the measuring scripts share (scripts/measure-startup.sh, scripts/measure-footprint.sh):
# whether a loopback port accepts, a free port, the time, and a process's CPU seconds. Sourced.

# Whether 127.0.0.1:$1 accepts a TCP connection now.
accepting() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

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
  return 1
}

# Seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }

# CPU seconds process $1 has used (utime + stime, all threads).
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat"; }
