package io.jfrp.bench.load;

import io.jfrp.bench.Results;
import io.jfrp.bench.paths.Child;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU spent during one measured phase (a throughput run) by the processes of a path, and what the rest
 * of the machine did meanwhile, from Linux's {@code /proc}: per process {@code utime + stime} of
 * {@code /proc/PID/stat} (all its threads), summed over each process's whole tree (a launcher script's
 * JVM, sshd's per-connection children); for a one-shot child this JVM started and reaped during the phase
 * (the iperf3 client), the growth of this JVM's own {@code cutime + cstime}; for the machine, the busy
 * and total ticks of the {@code cpu} line of {@code /proc/stat}.
 *
 * <p>Why: a round's rate follows the CPU the path's processes get (docs/PERFORMANCE.md, "Why one stream's rate moves
 * between runs"), while CPU seconds per GB carried stays steady, so these figures tell a slow round
 * (much other load) from a slower program (more CPU per GB). Without {@code /proc} nothing is measured:
 * {@link #available} is false.
 */
public final class PhaseCpu {
    /** The suffix of the CPU-per-GB figure's metric: {@code "1 stream upload, cpu"}, in s/GB. */
    public static final String CPU = ", cpu";
    /** The suffix of the machine's busy share over the phase, in % of the machine. */
    public static final String BUSY = ", machine busy";
    /** The suffix of the busy share not spent by the path's processes, in % of the machine. */
    public static final String OTHER = ", other load";
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final Path SELF_STAT = Path.of("/proc/self/stat");
    private static long clockTicks;

    private PhaseCpu() {
    }

    /** Busy and total ticks of all CPUs, from the {@code cpu} line of {@code /proc/stat}. */
    public record MachineTicks(long busy, long total) {
    }

    /** What one phase cost: CPU seconds of the path's processes, bytes carried, and the machine's ticks. */
    public record Phase(double cpuSeconds, long bytes, long pathTicks, long busyTicks, long totalTicks) {
        /** CPU seconds per GB (10⁹ bytes) carried; NaN when nothing was carried. */
        public double secondsPerGigabyte() {
            return bytes > 0 ? cpuSeconds / (bytes / 1e9) : Double.NaN;
        }

        /** The machine's busy share over the phase, % of all its CPUs; NaN when no tick passed. */
        public double busyPercent() {
            return totalTicks > 0 ? 100.0 * busyTicks / totalTicks : Double.NaN;
        }

        /**
         * The busy share not spent by the path's processes, % of the machine: the other helpers, the
         * harness; never below 0 (the readings are a few milliseconds apart).
         */
        public double otherLoadPercent() {
            return totalTicks > 0 ? 100.0 * Math.max(0, busyTicks - pathTicks) / totalTicks : Double.NaN;
        }

        /** Adds the three figures of {@code label} through {@code path} to {@code results}. */
        public void addTo(Results results, String scenario, String label, String path) {
            results.add(scenario, label + CPU, path, secondsPerGigabyte(), "s/GB", false);
            results.add(scenario, label + BUSY, path, busyPercent(), "% of the machine", false);
            results.add(scenario, label + OTHER, path, otherLoadPercent(), "% of the machine", false);
        }
    }

    /** The readings at a phase's start, to be taken again at its end ({@link #end}). */
    public static final class Start {
        private final Collection<ProcessHandle> processes;
        private final Map<Long, Long> ticks;
        private final long reaped;
        private final MachineTicks machine;
        private final long hz;

        private Start(Collection<ProcessHandle> processes) {
            this.hz = clockTicks(); // first: getconf is a child this JVM reaps
            this.processes = processes;
            this.ticks = treeTicks(processes);
            this.reaped = reapedChildrenTicks();
            this.machine = machineTicks();
        }

        /** The phase from this start until now, which carried {@code bytes}. */
        public Phase end(long bytes) {
            MachineTicks m = machineTicks();
            return phase(ticks, treeTicks(processes), reapedChildrenTicks() - reaped, machine, m, bytes, hz);
        }
    }

    /** Whether {@code metric} is one of the three figures {@link Phase#addTo} adds beside a measured one. */
    public static boolean isPhaseFigure(String metric) {
        return metric.endsWith(CPU) || metric.endsWith(BUSY) || metric.endsWith(OTHER);
    }

    /** Whether this machine has the {@code /proc} files read here (Linux). */
    public static boolean available() {
        return Files.isReadable(PROC_STAT) && Files.isReadable(SELF_STAT);
    }

    /**
     * Starts a phase of {@code processes} (each with its descendants) and of the children this JVM will
     * reap before its end; call only when {@link #available}.
     */
    public static Start start(Collection<ProcessHandle> processes) {
        return new Start(processes);
    }

    /**
     * The phase between two readings: per pid the growth of its ticks (a pid seen only at the end counts
     * whole: it started during the phase), plus {@code reapedTicks} (one-shot children), over the
     * machine's ticks between {@code from} and {@code to}.
     */
    static Phase phase(Map<Long, Long> before, Map<Long, Long> after, long reapedTicks, MachineTicks from,
                       MachineTicks to, long bytes, long hz) {
        long path = reapedTicks;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            path += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return new Phase((double) path / hz, bytes, path, to.busy() - from.busy(), to.total() - from.total());
    }

    /** {@code utime + stime} ticks of a {@code /proc/PID/stat} line (fields 14 and 15). */
    static long ownTicks(String stat) {
        String[] f = fieldsAfterComm(stat);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** {@code cutime + cstime} ticks of a {@code /proc/PID/stat} line (fields 16 and 17): reaped children. */
    static long childrenTicks(String stat) {
        String[] f = fieldsAfterComm(stat);
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /**
     * The fields after the command name, from field 3 (state) on: the name is in parentheses and may
     * hold spaces and parentheses itself, so it ends at the line's last ')'.
     */
    private static String[] fieldsAfterComm(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        return stat.substring(close + 1).trim().split("\\s+");
    }

    /**
     * Busy and total ticks of the {@code cpu} line of a {@code /proc/stat} text: total is user, nice,
     * system, idle, iowait, irq, softirq and steal (guest time is already in user); busy is total less
     * idle and iowait.
     */
    static MachineTicks parseMachine(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cpu line in /proc/stat"));
        String[] f = line.substring(4).trim().split("\\s+");
        long total = 0;
        for (int i = 0; i < Math.min(8, f.length); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[3]) + (f.length > 4 ? Long.parseLong(f[4]) : 0);
        return new MachineTicks(total - idle, total);
    }

    /** Ticks of each process of {@code processes}' trees that could be read, by pid. */
    private static Map<Long, Long> treeTicks(Collection<ProcessHandle> processes) {
        Map<Long, Long> ticks = new HashMap<>();
        processes.stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants())).forEach(p -> {
            String stat = ProcessFiles.read(p.pid(), "stat");
            if (stat != null) {
                ticks.put(p.pid(), ownTicks(stat));
            }
        });
        return ticks;
    }

    private static long reapedChildrenTicks() {
        return childrenTicks(readOrFail(SELF_STAT));
    }

    private static MachineTicks machineTicks() {
        return parseMachine(readOrFail(PROC_STAT));
    }

    private static String readOrFail(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Clock ticks per second of {@code /proc}'s times: {@code getconf CLK_TCK}, else 100 (Linux's USER_HZ). */
    static synchronized long clockTicks() {
        if (clockTicks == 0) {
            clockTicks = 100;
            try {
                Child.Output out = Child.run(List.of("getconf", "CLK_TCK"), Duration.ofSeconds(10));
                if (out.exit() == 0) {
                    clockTicks = Long.parseLong(out.text().trim());
                }
            } catch (IOException | NumberFormatException e) {
                // keep 100
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return clockTicks;
    }
}
