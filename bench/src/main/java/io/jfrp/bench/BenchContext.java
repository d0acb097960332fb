package io.jfrp.bench;

import io.jfrp.bench.load.ProcessMemory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run-wide settings every scenario and path reads.
 *
 * @param outDir        the run's results folder; logs and raw outputs go under {@code logs/}
 * @param root          the project root: {@code bin/jfrps}, {@code bin/jfrpc} and {@code bench/netem} are there
 * @param childJavaOpts JVM options of the child JVMs the paths start (jfrps, jfrpc, the yamux relays), one
 *                      option each, passed as they are to a JVM the harness starts itself ({@code bin/jfrps}
 *                      and {@code bin/jfrpc} take them as JAVA_OPTS: see {@link #launcherJavaOpts})
 * @param frpHome       stock frp's folder as {@code --frp-home} or FRP_HOME resolved it, or null
 */
public record BenchContext(Mode mode, Path outDir, int rounds, Duration phase, Path root, List<String> childJavaOpts,
                           Path frpHome) {
    public BenchContext {
        childJavaOpts = childJavaOpts == null ? List.of() : List.copyOf(childJavaOpts);
    }

    /** A context without a resolved frp folder: scenarios then look in FRP_HOME and ../shared themselves. */
    public BenchContext(Mode mode, Path outDir, int rounds, Duration phase, Path root, List<String> childJavaOpts) {
        this(mode, outDir, rounds, phase, root, childJavaOpts, null);
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /**
     * This context with {@link ProcessMemory#HEAP_READING_JAVA_OPTS} before the child JVM options (which
     * can still override them): for a scenario that reads the growth of a child's live heap.
     */
    public BenchContext readingHeap() {
        List<String> opts = new ArrayList<>(ProcessMemory.HEAP_READING_JAVA_OPTS);
        opts.addAll(childJavaOpts);
        return new BenchContext(mode, outDir, rounds, phase, root, opts, frpHome);
    }

    /**
     * The child JVM options as JAVA_OPTS for {@code bin/jfrps} and {@code bin/jfrpc}, which split it on
     * spaces: an option holding whitespace cannot pass that way and is refused rather than split.
     *
     * @throws IllegalArgumentException for an option with whitespace in it
     */
    public String launcherJavaOpts() {
        for (String opt : childJavaOpts) {
            if (opt.isEmpty() || opt.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("child JVM option [" + opt + "] is empty or holds whitespace:"
                        + " bin/jfrps and bin/jfrpc split JAVA_OPTS on spaces, so it cannot reach them whole");
            }
        }
        return String.join(" ", childJavaOpts);
    }

    /** The unrecorded warm-up before a measurement (2 s quick, 5 s full). */
    public Duration warmup() {
        return Duration.ofSeconds(mode.warmupSeconds());
    }

    public boolean quick() {
        return mode.name().equals(Mode.QUICK.name());
    }

    /** A new directory for one path instance's or tool's configuration and logs: {@code OUT/logs/NAME-N}. */
    public Path newLogDir(String name) {
        Path dir = outDir.resolve("logs").resolve(name + "-" + SEQUENCE.incrementAndGet());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
