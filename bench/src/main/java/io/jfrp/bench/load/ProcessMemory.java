package io.jfrp.bench.load;

import io.jfrp.bench.paths.Child;
import io.jfrp.bench.tools.Tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory of a Linux process: RSS ({@code VmRSS} of {@code /proc/<pid>/status}) and, for a JVM, the
 * heap of its live objects from {@code jcmd <pid> GC.class_histogram}, which runs a full collection
 * first: the heap right after a GC whichever collector the JVM runs.
 *
 * <p>Two readings of a JVM differ by more than what it holds in between unless it runs with
 * {@link #HEAP_READING_JAVA_OPTS}: a full collection leaves dead objects where moving the live ones
 * would not pay (as {@code int[]} fillers the histogram counts), and clears soft references (the
 * JDK's reflection caches) only once they have gone unused for long enough. A reading also collects
 * once and waits {@link #REFERENCE_PAUSE} first, so that what the JDK's reference-handler and
 * cleaner threads drop after a collection (cleanables, weak-keyed entries) is gone.
 * With the system property
 * {@value #KEEP_HISTOGRAMS} naming a directory, each histogram is also written there as
 * {@code <sequence>-<pid>.txt}, to compare two readings class by class.
 */
public final class ProcessMemory {
    /** System property: a directory to keep each class histogram in (diagnosis of a heap figure). */
    public static final String KEEP_HISTOGRAMS = "jfrp.bench.histograms";
    private static final AtomicInteger HISTOGRAMS = new AtomicInteger();
    /**
     * JVM options that make two live-heap readings of a JVM differ by what it holds, nothing else:
     * every full collection compacts all the way ({@code MarkSweepDeadRatio=0}; by default up to 5%
     * of the old generation stays as dead {@code int[]} fillers on all but every fourth one) and
     * clears every soft reference ({@code SoftRefLRUPolicyMSPerMB=0}; by default one unused for a
     * second per free MiB of heap). Neither changes what a program allocates or keeps.
     */
    public static final List<String> HEAP_READING_JAVA_OPTS = List.of("-XX:MarkSweepDeadRatio=0",
            "-XX:SoftRefLRUPolicyMSPerMB=0");
    /** How long a reading waits after its first collection for the JDK's reference and cleaner threads. */
    static final Duration REFERENCE_PAUSE = Duration.ofSeconds(1);

    /** RSS and live heap in bytes; -1 where unknown (heap: not a JVM, or jcmd failed). */
    public record Snapshot(long rssBytes, long heapBytes) {
    }

    /**
     * A {@link Snapshot} with the live instances of some classes from the same histogram (-1 each where
     * the histogram could not be read; 0 for a class it does not list).
     */
    public record Counted(Snapshot snapshot, Map<String, Long> instances) {
        /** Live instances of {@code className}. */
        public long of(String className) {
            return instances.getOrDefault(className, -1L);
        }
    }

    private ProcessMemory() {
    }

    /** RSS and, for a JVM, live heap after a full GC of the process. */
    public static Snapshot snapshot(ProcessHandle process) {
        long heap = isJvm(process) ? liveHeapBytes(process.pid()) : -1;
        // RSS after the GC: what the process holds once its garbage is gone (the JVM keeps the
        // heap it committed, so this is not much lower than before).
        return new Snapshot(rssBytes(process.pid()), heap);
    }

    /** As {@link #snapshot} of a JVM, with the live instances of each of {@code classes}. */
    public static Counted counting(ProcessHandle process, List<String> classes) {
        String histogram = liveHistogram(process.pid());
        Map<String, Long> instances = new LinkedHashMap<>();
        classes.forEach(c -> instances.put(c, histogram == null ? -1 : parseInstances(histogram, c)));
        long heap = histogram == null ? -1 : parseHistogramTotal(histogram);
        return new Counted(new Snapshot(rssBytes(process.pid()), heap), instances);
    }

    /** RSS of the process and its descendants (an sshd session child, nginx's workers), live heap of the process. */
    public static Snapshot treeSnapshot(ProcessHandle process) {
        long heap = snapshot(process).heapBytes(); // first: jcmd's full GC, then RSS without the garbage
        return new Snapshot(treeRss(process), heap);
    }

    /** RSS of a process plus its descendants, without a GC (cheap enough to sample); -1 when unreadable. */
    public static long treeRss(ProcessHandle process) {
        return ProcessFiles.overTree(process, ProcessMemory::rssBytes);
    }

    /** Resident set size in bytes, -1 when it cannot be read. */
    public static long rssBytes(long pid) {
        return parseVmRss(ProcessFiles.read(pid, "status"));
    }

    /** VmRSS in bytes from the text of a {@code /proc/<pid>/status} file, -1 when absent. */
    static long parseVmRss(String status) {
        String kb = ProcessFiles.field(status, "VmRSS:", 0);
        return kb == null ? -1 : Long.parseLong(kb) * 1024;
    }

    public static boolean isJvm(ProcessHandle process) {
        Optional<String> command = process.info().command();
        return command.isPresent() && Path.of(command.get()).getFileName().toString().equals("java");
    }

    /**
     * Bytes of live objects after a full GC (jcmd GC.class_histogram), after a first full GC and
     * {@link #REFERENCE_PAUSE}; -1 when jcmd fails or takes over 60 s.
     */
    static long liveHeapBytes(long pid) {
        String histogram = liveHistogram(pid);
        return histogram == null ? -1 : parseHistogramTotal(histogram);
    }

    /** The class histogram of live objects, as {@link #liveHeapBytes} reads it; null when jcmd fails. */
    private static String liveHistogram(long pid) {
        Path jcmdPath = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String jcmd = Files.isExecutable(jcmdPath) ? jcmdPath.toString() : "jcmd";
        Child.Output gc = Tools.runQuietly(List.of(jcmd, Long.toString(pid), "GC.run"), Duration.ofSeconds(60));
        if (gc == null || gc.exit() != 0) {
            return null;
        }
        try {
            Thread.sleep(REFERENCE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Child.Output out = Tools.runQuietly(List.of(jcmd, Long.toString(pid), "GC.class_histogram"),
                Duration.ofSeconds(60));
        if (out == null || out.exit() != 0) {
            return null;
        }
        keep(pid, out.text());
        return out.text();
    }

    /** Writes a histogram into the {@value #KEEP_HISTOGRAMS} directory when one is named; a failure only warns. */
    private static void keep(long pid, String histogram) {
        String dir = System.getProperty(KEEP_HISTOGRAMS);
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path file = Path.of(dir, String.format("%03d-%d.txt", HISTOGRAMS.incrementAndGet(), pid));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, histogram);
        } catch (IOException e) {
            System.err.println("could not keep a class histogram in " + file + ": " + e);
        }
    }

    /** Instances of exactly {@code className} in a class histogram ({@code num: instances bytes name}); 0 when absent. */
    static long parseInstances(String histogram, String className) {
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":") && f[3].equals(className)) {
                return Long.parseLong(f[1]);
            }
        }
        return 0;
    }

    /** The total bytes of a class histogram's last line, {@code Total <instances> <bytes>}; -1 when there is none. */
    static long parseHistogramTotal(String histogram) {
        String bytes = ProcessFiles.field(histogram, "Total", 1);
        return bytes == null ? -1 : Long.parseLong(bytes);
    }
}
