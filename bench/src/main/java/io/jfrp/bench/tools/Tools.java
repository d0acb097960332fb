package io.jfrp.bench.tools;

import io.jfrp.bench.paths.Child;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the external programs the harness runs, says how to install the missing ones (the harness
 * installs nothing itself: it prints these hints and skips what cannot run) and reads their versions.
 */
public final class Tools {
    /** Each tool's Debian package; scripts/install-test-deps.sh installs them all, so CI must have them. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("iperf3", "iperf3"),
            Map.entry("sshd", "openssh-server"),
            Map.entry("ssh", "openssh-client"),
            Map.entry("ssh-keygen", "openssh-client"),
            Map.entry("nginx", "nginx-light"),
            Map.entry("wrk", "wrk"),
            Map.entry("ip", "iproute2"),
            Map.entry("tc", "iproute2"),
            Map.entry("python3", "python3"),
            Map.entry("haproxy", "haproxy"));

    /** Directories searched besides PATH: sshd and ip live in sbin, which is not on a normal user's PATH. */
    private static final List<String> SBIN = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

    private Tools() {
    }

    /** The executable's absolute path, searching PATH and the sbin directories; empty when absent. */
    public static Optional<Path> find(String tool) {
        if (tool.contains("/")) {
            return Optional.of(Path.of(tool)).filter(Files::isExecutable);
        }
        return Stream.concat(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)), SBIN.stream())
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, tool))
                .filter(p -> Files.isExecutable(p) && !Files.isDirectory(p)).findFirst();
    }

    /** The executable's path as a string, or the bare name when absent (the caller checked already). */
    public static String path(String tool) {
        return find(tool).map(Path::toString).orElse(tool);
    }

    public static List<String> missing(List<String> tools) {
        return tools.stream().filter(t -> find(t).isEmpty()).toList();
    }

    /** How to install {@code tool}, e.g. "sudo apt-get install openssh-server". */
    public static String installHint(String tool) {
        String pkg = PACKAGES.get(tool);
        if (pkg != null) {
            return "sudo apt-get install " + pkg + " (Debian/Ubuntu; or scripts/install-test-deps.sh)";
        }
        if (tool.startsWith("frp")) {
            return "download a release from https://github.com/fatedier/frp/releases and pass --frp-home DIR "
                    + "(or set FRP_HOME) to the directory holding frps and frpc";
        }
        return "install " + tool + " and put it on PATH";
    }

    /** Whether scripts/install-test-deps.sh installs {@code tool} (so CI must have it). */
    public static boolean installedByTestDeps(String tool) {
        return PACKAGES.containsKey(tool);
    }

    /** First line of {@code tool args} (stdout and stderr), or null when it cannot run; bounded to 10 s. */
    public static String version(String tool, String... args) {
        if (find(tool).isEmpty()) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of(path(tool)));
        cmd.addAll(List.of(args));
        Child.Output out = runQuietly(cmd, Duration.ofSeconds(10));
        return out == null ? null : out.text().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("?");
    }

    /** {@link Child#run}: the exit status and output of {@code command}, or null when it could not run or took over {@code limit}. */
    public static Child.Output runQuietly(List<String> command, Duration limit) {
        try {
            return Child.run(command, limit);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Versions of every tool the harness knows that is installed (absent ones are left out). */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        for (List<String> t : List.of(List.of("iperf3", "--version"), List.of("nginx", "-v"), List.of("wrk", "-v"),
                List.of("ssh", "-V"), List.of("sshd", "-V"), List.of("ip", "-V"), List.of("python3", "--version"))) {
            String version = version(t.get(0), t.get(1));
            if (version != null) {
                v.put(t.get(0), version);
            }
        }
        return v;
    }
}
