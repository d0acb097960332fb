package io.jfrp.bench.mux;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Heap used after full GCs, and class histograms (the JVM's GC.class_histogram) for diffs. */
final class HeapMeter {
    private static final Pattern HISTO_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    private HeapMeter() {
    }

    /** Heap in use after repeated System.gc() until two readings agree within 64 KiB (at most 10). */
    static long usedAfterGc() throws InterruptedException {
        long previous = -1;
        long used = 0;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(200);
            used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (previous >= 0 && Math.abs(used - previous) < 64 * 1024 && i >= 2) {
                break;
            }
            previous = used;
        }
        return used;
    }

    /** Class name to {instances, bytes}, from a full-GC histogram. */
    static Map<String, long[]> histogram() {
        Map<String, long[]> h = new HashMap<>();
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            for (String line : text.split("\n")) {
                Matcher m = HISTO_LINE.matcher(line);
                if (m.matches()) {
                    h.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
                }
            }
        } catch (Exception e) {
            PeerLog.warn("no class histogram: %s", e);
        }
        return h;
    }

    /** The classes that grew most from {@code before} to {@code after}, per {@code n} (stream). */
    static List<Map<String, Object>> diffPer(Map<String, long[]> before, Map<String, long[]> after, int n, int top) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long dBytes = e.getValue()[1] - b[1];
            long dCount = e.getValue()[0] - b[0];
            if (dBytes > 0) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("class", e.getKey());
                row.put("instancesPerStream", dCount / (double) n);
                row.put("bytesPerStream", dBytes / (double) n);
                rows.add(row);
            }
        }
        rows.sort((x, y) -> Double.compare((Double) y.get("bytesPerStream"), (Double) x.get("bytesPerStream")));
        return rows.subList(0, Math.min(top, rows.size()));
    }
}
