package io.jfrp.bench.load;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parsers of {@link ProcessMemory} and {@link ProcessFiles} on real texts of /proc/PID/status,
 * /proc/PID/limits and jcmd GC.class_histogram; a live-heap reading of this JVM, and the options for
 * a child JVM whose heap is read.
 */
class ProcessMemoryTest {

    @Test
    void readsVmRssInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 4213880 kB\nVmHWM:\t  101376 kB\nVmRSS:\t   98304 kB\nRssAnon:\t   70000 kB\n";
        assertThat(ProcessMemory.parseVmRss(status)).isEqualTo(98304L * 1024);
        assertThat(ProcessMemory.parseVmRss("Name:\tkthreadd\n")).isEqualTo(-1);
    }

    @Test
    void readsTheHistogramTotal() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          5349         541304  [B (java.base@17.0.13)
                   2:          5022         120528  java.lang.String (java.base@17.0.13)
                Total         41280        2350528
                """;
        assertThat(ProcessMemory.parseHistogramTotal(histogram)).isEqualTo(2350528);
        assertThat(ProcessMemory.parseHistogramTotal("12345:\nAttachNotSupportedException")).isEqualTo(-1);
    }

    @Test
    void countsTheOpenSocketsOfAProcess() throws Exception {
        long pid = ProcessHandle.current().pid();
        long before = ProcessFiles.openSockets(pid);
        try (java.net.ServerSocket a = new java.net.ServerSocket(0); java.net.ServerSocket b = new java.net.ServerSocket(0)) {
            assertThat(ProcessFiles.openSockets(pid)).isEqualTo(before + 2);
            assertThat(ProcessFiles.openFiles(pid)).isGreaterThan(ProcessFiles.openSockets(pid)); // jars, epoll, pipes
        }
        assertThat(ProcessFiles.openSockets(pid)).isEqualTo(before);
        assertThat(ProcessFiles.openSockets(-5)).isEqualTo(-1);
    }

    @Test
    void readsTheInstancesOfOneClassExactlyByName() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:        100012        14401728  io.jfrp.mux.YamuxStreamChannel
                   2:        100012         3200384  io.jfrp.mux.YamuxStreamChannel$StreamUnsafe
                   3:          5022          120528  java.lang.String (java.base@21.0.5)
                Total         41280        2350528
                """;
        assertThat(ProcessMemory.parseInstances(histogram, "io.jfrp.mux.YamuxStreamChannel")).isEqualTo(100012);
        assertThat(ProcessMemory.parseInstances(histogram, "java.lang.String")).isEqualTo(5022);
        assertThat(ProcessMemory.parseInstances(histogram, "io.jfrp.mux.YamuxSession")).isZero();
    }

    @Test
    void readsTheSoftAndHardOpenFileLimits() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max open files            1024                 20000                files
                Max locked memory         8388608              8388608              bytes
                """;
        assertThat(ProcessFiles.parseOpenFilesLimit(limits, false)).isEqualTo(1024);
        assertThat(ProcessFiles.parseOpenFilesLimit(limits, true)).isEqualTo(20000);
        assertThat(ProcessFiles.parseOpenFilesLimit(limits.replace("20000 ", "unlimited"), true)).isEqualTo(-1);
        assertThat(ProcessFiles.parseOpenFilesLimit("Limit  Soft Limit\n", true)).isEqualTo(-1);
    }

    @Test
    void readsThisProcess() {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcessMemory.rssBytes(pid)).isGreaterThan(1L << 20);
        assertThat(ProcessMemory.isJvm(ProcessHandle.current())).isTrue();
        assertThat(ProcessFiles.openFiles(pid)).isPositive();
        assertThat(ProcessMemory.rssBytes(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void keepsTheHistogramOfAReadingWhenADirectoryIsNamed(@TempDir Path dir) throws Exception {
        String old = System.getProperty(ProcessMemory.KEEP_HISTOGRAMS);
        System.setProperty(ProcessMemory.KEEP_HISTOGRAMS, dir.toString());
        try {
            long heap = ProcessMemory.liveHeapBytes(ProcessHandle.current().pid());
            assertThat(heap).isGreaterThan(1L << 20);
            List<Path> kept;
            try (var files = Files.list(dir)) {
                kept = files.toList();
            }
            assertThat(kept).hasSize(1);
            assertThat(kept.get(0).getFileName().toString()).endsWith("-" + ProcessHandle.current().pid() + ".txt");
            assertThat(ProcessMemory.parseHistogramTotal(Files.readString(kept.get(0)))).isEqualTo(heap);
        } finally {
            if (old == null) {
                System.clearProperty(ProcessMemory.KEEP_HISTOGRAMS);
            } else {
                System.setProperty(ProcessMemory.KEEP_HISTOGRAMS, old);
            }
        }
    }

    @Test
    void theHeapReadingOptionsStartTheJvmAndComeBeforeTheUsersOwn() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC"));
        cmd.addAll(ProcessMemory.HEAP_READING_JAVA_OPTS);
        cmd.add("-version");
        Process java = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes());
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(out).isZero();

        BenchContext ctx = new BenchContext(Mode.QUICK, Path.of("out"), 1, Duration.ofSeconds(1), Path.of("."),
                List.of("-Xmx64m", "-XX:SoftRefLRUPolicyMSPerMB=5"));
        assertThat(ctx.readingHeap().childJavaOpts()).containsExactly("-XX:MarkSweepDeadRatio=0",
                "-XX:SoftRefLRUPolicyMSPerMB=0", "-Xmx64m", "-XX:SoftRefLRUPolicyMSPerMB=5");
        assertThat(new BenchContext(Mode.QUICK, Path.of("out"), 1, Duration.ofSeconds(1), Path.of("."), List.of())
                .readingHeap().childJavaOpts()).isEqualTo(ProcessMemory.HEAP_READING_JAVA_OPTS);
        assertThat(ctx.readingHeap().outDir()).isEqualTo(ctx.outDir());
    }
}
