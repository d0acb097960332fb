package io.jfrp.bench.load;

import io.jfrp.bench.paths.Child;
import io.jfrp.bench.tools.Tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Memory of a Linux process: RSS ({@code VmRSS} of {@code /proc/<pid>/status}) and, for a JVM, the
 * heap of its live objects from {@code jcmd <pid> GC.class_histogram}, which runs a full collection
 * first: the heap right after a GC whichever collector the JVM runs.
 */
public final class ProcessMemory {
    /** RSS and live heap in bytes; -1 where unknown (heap: not a JVM, or jcmd failed). */
    public record Snapshot(long rssBytes, long heapBytes) {
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

    /** Bytes of live objects after a full GC (jcmd GC.class_histogram), -1 when jcmd fails or takes over 60 s. */
    static long liveHeapBytes(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Child.Output out = Tools.runQuietly(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                Long.toString(pid), "GC.class_histogram"), Duration.ofSeconds(60));
        return out == null || out.exit() != 0 ? -1 : parseHistogramTotal(out.text());
    }

    /** The total bytes of a class histogram's last line, {@code Total <instances> <bytes>}; -1 when there is none. */
    static long parseHistogramTotal(String histogram) {
        String bytes = ProcessFiles.field(histogram, "Total", 1);
        return bytes == null ? -1 : Long.parseLong(bytes);
    }
}
