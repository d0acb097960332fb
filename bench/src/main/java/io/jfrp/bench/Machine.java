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
        String mem = procValue("/proc/meminfo", "MemTotal");
        if (mem != null && mem.endsWith("kB")) {
            long kib = Long.parseLong(mem.replace("kB", "").trim());
            m.put("memory", String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0));
        }
        m.put("cpu", procValue("/proc/cpuinfo", "model name"));
        m.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("os", osRelease());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return m;
    }

    private static String procValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String osRelease() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
