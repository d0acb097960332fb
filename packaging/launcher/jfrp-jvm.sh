# shellcheck shell=bash
# How jfrps and jfrpc are run, whichever launcher starts them: sourced by bin/lib/jfrp-launch.sh (a
# checkout) and by the release's lib/jfrp-launch.sh (installed there by packaging/build-release.sh),
# so that both run the programs with the same JVM options and process limits.

# The JVM options of program $1 (jfrps or jfrpc) run by java $2, one per line. JAVA_OPTS comes
# after them on the command line, so any of them can be overridden there (-Xmx512m, -Xms64m, ...);
# a collector named in JAVA_OPTS (-XX:+UseG1GC, ...) replaces the one chosen here, since the JVM
# refuses two.
#
#  - Heap: at most a share of the machine's memory (or of the cgroup's limit, which the JVM reads),
#    jfrps more since it is a server's main job; the rest is left for Netty's direct buffers, thread
#    stacks and the kernel's socket buffers. What a client or a peer can make the server hold is
#    bounded by jfrp's own limits long before this (docs/SECURITY.md).
#  - Small and given back (issue 16; figures in docs/PERFORMANCE.md, "Memory and start-up"): the serial
#    collector, no collector threads and next to no collector structures (G1's took 40-50 MiB
#    for a heap of the JVM's default initial size); an initial heap of 8 MiB (the JVM's default is
#    1/64 of the machine, hundreds of MiB whose pages a start touches), 12 MiB for jfrpc (the size
#    its start grows the heap to anyway: from 8 MiB it got there through three full collections,
#    on the start's critical path; idle RSS the same), grown on demand and shrunk
#    after a full collection down to 30% free; and the C heap trimmed every 2 s (malloc_trim:
#    what the JIT compilers and the JDK's native code freed goes back to the system; Java 17.0.9
#    and later), so the resident size falls again within seconds of a burst (every 10 s, a
#    measurement 5 s after a burst of 2,000 connections still found 1.25-1.47x the idle size; every
#    2 s, 1.15x in three runs of four; a trim of an idle jfrps takes 0.2-0.6 ms). A jfrps
#    holding 100,000s of connections (a heap of GiBs) pauses less with JAVA_OPTS=-XX:+UseG1GC.
#  - The C1 compiler only (-XX:TieredStopAtLevel=1): a proxy's work is the kernel's and BoringSSL's,
#    and C2's faster Java code did not make it cheaper (CPU seconds per GB through a tcp proxy and
#    per HTTP request through the vhost the same within the noise), while C2 cost a start CPU and
#    kept 4 MiB idle and 8-35 MiB more after traffic resident (its code, its arenas, the part of
#    libjvm it runs). Figures: docs/PERFORMANCE.md, "Memory and start-up". JAVA_OPTS=-XX:TieredStopAtLevel=4
#    brings C2 back.
#    C1 compiles ten times later than the JVM's thresholds (-XX:CompileThresholdScaling=10), so
#    code that runs only while starting stays interpreted (1.3-1.5 MiB less resident idle), except
#    Netty's and the multiplexer's methods (a tenth of that: the JVM's own thresholds), which carry
#    every byte: later for them too cost a third of one stream's rate in the bench's 2 s runs.
#    Figures: docs/PERFORMANCE.md, "Memory and start-up" (2026-12-05). JAVA_OPTS=-XX:CompileThresholdScaling=1
#    undoes the first (Netty's methods then compile ten times earlier than the JVM's default).
#  - The interned-string table starts at 4,096 buckets instead of 65,536 (-XX:StringTableSize): its
#    bucket array is written when the JVM starts, so 0.5 MiB of a 64 MiB idle budget were resident
#    for the strings a start interns; the JVM grows the table when it holds two strings a bucket.
#    Figures: docs/PERFORMANCE.md, "Memory and start-up" (2026-12-05, rssFinal).
#  - jfrps's young generation a fifth of its heap instead of a third (-XX:NewRatio=4): an idle
#    jfrps's eden (2.5 MiB, every page of it written between two young collections) is 1.3 MiB, with
#    no more surviving into the tenured generation; under load the young collections are twice as
#    many and as cheap in all (about 0.1 s in a 10 s throughput run either way). jfrpc keeps the
#    JVM's third: its start leaves more live objects, which a smaller eden only moves into the tenured
#    generation (idle RSS the same). JAVA_OPTS=-XX:NewRatio=2 (or -Xmn...) undoes it. Figures:
#    docs/PERFORMANCE.md, "Memory and start-up" (2026-12-06, rssJfrps).
#  - Netty's JDK Flight Recorder events off: checking for them starts the recorder's Java side
#    (some 100 classes) on every start. JAVA_OPTS=-Dio.netty.jfr.enabled=true to record them.
#  - Netty's direct memory allocated without the JDK's zeroing (jfrp_netty_opts).
#  - Netty's leak detector off (-Dio.netty.leakDetection.level=disabled). At Netty's default it
#    tracks one allocation in 128 with a stack trace: one warm stream through tcpMux+TLS allocates
#    ~170,000 buffers per GB in the sending program and ~100,000 in the receiving one, so 1,300 and
#    800 Throwables per GB, 2-3.5% of each program's CPU; off, jfrps + jfrpc took 3-4% less CPU per GB
#    (medians of ten alternated pinned rounds). Figures: docs/PERFORMANCE.md, "CPU per GB of one
#    stream, per program and per direction" (2026-12-06). The tests keep Netty's paranoid detection
#    (a report fails them: the root pom's surefire argLine, testkit's LeakDetectionExtension).
#    JAVA_OPTS=-Dio.netty.leakDetection.level=simple brings the sampled reports back.
#  - Out of memory: never carry on half-dead (event-loop threads dying one by one while the process
#    stays up). The message says why, then the JVM exits (status 3) so that a supervisor restarts it
#    (the systemd units have Restart=on-failure). The JVM splits the command at each ";", so
#    the message has none.
jfrp_runtime_opts() {
  case "$1" in
    jfrps) printf '%s\n' -XX:MaxRAMPercentage=50 ;;
    *) printf '%s\n' -XX:MaxRAMPercentage=25 ;;
  esac
  if [[ ! " ${JAVA_OPTS:-} " =~ [[:space:]]-XX:\+Use[A-Za-z0-9]*GC[[:space:]] ]]; then
    printf '%s\n' -XX:+UseSerialGC
  fi
  case "$1" in
    jfrps) printf '%s\n' -Xms8m -XX:NewRatio=4 ;;
    *) printf '%s\n' -Xms12m ;;
  esac
  printf '%s\n' -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Dio.netty.jfr.enabled=false \
    -XX:StringTableSize=4096 -Dio.netty.leakDetection.level=disabled
  jfrp_netty_opts
  printf '%s\n' -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:CompileCommand=quiet \
    '-XX:CompileCommand=CompileThresholdScaling,io.netty.*::*,0.1' \
    '-XX:CompileCommand=CompileThresholdScaling,io.jfrp.mux.*::*,0.1'
  if jfrp_java_trims_native_heap "${2:-}"; then
    printf '%s\n' -XX:TrimNativeHeapInterval=2000
  fi
  printf '%s\n' -XX:+ExitOnOutOfMemoryError \
    "-XX:OnOutOfMemoryError=echo '$1: out of memory (pid %p): exiting so that its supervisor restarts it. If this recurs, give it a larger heap (JAVA_OPTS=-Xmx...)' >&2"
}

# The JVM options that let a program add its optional jars (Bouncy Castle, OIDC, MINA SSHD,
# Micrometer) to its class path the first time a feature needs them, $1 being their class path
# (DIR/* for a directory's jars): io.jfrp.classpath.OptionalJars reads the property and appends them to
# the system class loader with the JDK's own method for Java agents, which jdk.internal.loader must be
# opened for. Off the class path, an idle program saves what each jar costs the JVM (its central
# directory, its entries in the CDS archive): docs/PERFORMANCE.md, "Memory and start-up".
jfrp_optional_opts() {
  printf '%s\n' "-Djfrp.optional.path=$1" --add-opens=java.base/jdk.internal.loader=ALL-UNNAMED
}

# How Netty gets its direct memory, one option per line. By default, on Java 9 and later, Netty
# cannot reach java.nio.DirectByteBuffer's (address, capacity) constructor and so allocates each
# chunk of its pooling allocator with ByteBuffer.allocateDirect, which zeroes it: every page of a
# chunk is written at once and resident from then on, 128 KiB for each buffer size class a loop has
# used and 528 KiB for TLS records' (16 KiB + overhead), about 1.3 MiB of an idle program. Opened to
# it (and told to try), Netty mallocs its chunks and frees them itself when the allocator lets them
# go, as on Java 8, and only the pages a buffer was written to are resident. Unreleased buffers were
# never left to the garbage collector here (the allocator's chunks are long-lived and jfrp releases
# what it reads and writes; its tests run with Netty's paranoid leak detection).
# JAVA_OPTS=-Dio.netty.tryReflectionSetAccessible=false brings back the JDK's zeroed buffers.
# Figures: docs/PERFORMANCE.md, "Memory and start-up" (2026-12-06, rssJfrps); DirectMemoryLauncherTest (e2e).
jfrp_netty_opts() {
  printf '%s\n' -Dio.netty.tryReflectionSetAccessible=true --add-opens=java.base/java.nio=ALL-UNNAMED
}

# The options of jfrp_runtime_opts that decide which classes a start loads, for the run that makes
# the class-data-sharing archives (scripts/make-cds.sh), so that it loads what real runs load.
jfrp_training_opts() {
  printf '%s\n' -XX:+UseSerialGC -Dio.netty.jfr.enabled=false
  jfrp_netty_opts
}

# Whether java $1 has -XX:TrimNativeHeapInterval (17.0.9+, 21.0.1+, 22+), read from its runtime's
# release file so that no JVM is started to ask (an option a JVM does not know stops it).
jfrp_java_trims_native_heap() {
  local java="$1" release line version="" major minor update
  [[ -n "$java" ]] || return 1
  # JAVA/bin/java -> JAVA/release, cut with parameter expansion: every start runs this.
  release="$(readlink -f "$java")" && release="${release%/*/*}/release"
  [[ -f "$release" ]] || return 1
  while IFS= read -r line; do
    [[ $line =~ ^JAVA_VERSION=\"([0-9.]*) ]] && { version="${BASH_REMATCH[1]}"; break; }
  done <"$release"
  IFS=. read -r major minor update _ <<<"$version"
  major=${major:-0} minor=${minor:-0} update=${update:-0}
  (( major >= 22 || (major == 21 && (minor > 0 || update >= 1)) || (major == 17 && (minor > 0 || update >= 9)) ))
}

# Exports what the C library reads at start: at most two malloc arenas (glibc makes up to 8 per core,
# each keeping freed memory of its own; the JVM's threads allocate little from C), unless set.
jfrp_runtime_env() {
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
}

# Raises this shell's soft limit on open files to the hard limit before the program starts: every
# connection is a descriptor, and a server that runs out refuses new clients (jfrps then pauses
# accepting and logs once per interval). The hard limit is the operator's: LimitNOFILE= in a systemd
# unit (the units shipped set 1048576), or `ulimit -Hn` / limits.conf for a shell.
# bash's `ulimit -Sn hard` sets the soft limit to the hard one without the subshell that reading
# `ulimit -Hn` took (a fork: 20-30 ms of a start at a load average of 12). Linux never has an
# unlimited hard limit on open files (setrlimit refuses more than fs.nr_open); should the hard
# limit be unlimited anyway, the soft one is set to 1048576 as before.
jfrp_raise_nofile() {
  ulimit -Sn hard 2>/dev/null || ulimit -Sn 1048576 2>/dev/null || true
}
