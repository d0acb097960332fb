package io.jfrp.bench.harness.paths;

import io.jfrp.bench.harness.BenchContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Command lines and log files of the processes paths start: child JVMs on the bench class path
 * (jfrps and jfrpc through {@link io.jfrp.bench.tunnel.TunnelProcess}), optionally inside a network
 * namespace ({@code ip netns exec NS ...}, which execs, so the process id is the program's).
 */
public final class Launch {
    /** JVM options of every jfrps/jfrpc child; {@code BenchMain --child-java-opts} sets it. */
    public static final String CHILD_JAVA_OPTS_PROPERTY = "jfrp.bench.child-java-opts";
    private static final String DEFAULT_CHILD_JAVA_OPTS = "-Xmx2g";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Launch() {
    }

    /** {@code command} run inside {@code netns}, or as is when netns is null. */
    public static List<String> inNetns(String netns, List<String> command) {
        if (netns == null) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        c.addAll(command);
        return c;
    }

    /** A child JVM running {@code mainClass} with the bench class path and the child JVM options. */
    public static List<String> java(Class<?> mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        String opts = System.getProperty(CHILD_JAVA_OPTS_PROPERTY, DEFAULT_CHILD_JAVA_OPTS).trim();
        if (!opts.isEmpty()) {
            cmd.addAll(Arrays.asList(opts.split("\\s+")));
        }
        // the server and client jars carry their own logback.xml too; keep logback's notice about that quiet
        cmd.add("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /** A new directory for one path instance's configuration and logs: OUT/logs/NAME-N. */
    public static Path workDir(BenchContext ctx, String pathName) {
        Path dir = ctx.outDir().resolve("logs").resolve(pathName + "-" + SEQUENCE.incrementAndGet());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
