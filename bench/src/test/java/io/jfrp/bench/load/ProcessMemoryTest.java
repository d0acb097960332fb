package io.jfrp.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parsers of {@link ProcessMemory} and {@link ProcessFiles} on real texts of /proc/PID/status,
 * /proc/PID/limits and jcmd GC.class_histogram.
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
}
