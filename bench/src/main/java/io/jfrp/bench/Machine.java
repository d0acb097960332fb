package io.jfrp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the report says about the machine: cores, memory, CPU, kernel, OS, Java. */
public final class Machine {
    private Machine() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        String mem = value("/proc/meminfo", "MemTotal:");
        if (mem != null && mem.endsWith("kB")) {
            long kib = Long.parseLong(mem.replace("kB", "").trim());
            m.put("memory", String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0));
        }
        m.put("cpu", value("/proc/cpuinfo", "model name"));
        m.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        String os = value("/etc/os-release", "PRETTY_NAME=");
        m.put("os", os == null ? null : os.replace("\"", ""));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return m;
    }

    /** The value of the first line of {@code file} that starts with {@code key}: after its ':' or '='. */
    private static String value(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(key.contains("=") ? '=' : ':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
