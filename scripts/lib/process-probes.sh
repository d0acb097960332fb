# Probes the measuring scripts share (scripts/measure-startup.sh, scripts/measure-footprint.sh):
# whether a loopback port accepts, a free port, the time, and a process's CPU seconds. Sourced.

# Whether 127.0.0.1:$1 accepts a TCP connection now.
accepting() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port in 20000-60999 that nothing accepts on and that is not one of the arguments.
free_port() {
  local p taken=" $* "
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 41000 ))
    [[ "$taken" == *" $p "* ]] && continue
    accepting "$p" || { echo "$p"; return 0; }
  done
  return 1
}

# Seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }

# CPU seconds process $1 has used (utime + stime, all threads).
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat"; }
