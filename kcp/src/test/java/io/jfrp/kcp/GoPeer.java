package io.jfrp.kcp;

import io.jfrp.testkit.LoggedProcess;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.Assertions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kcp-go interop peer ({@code src/test/go/kcppeer}), built once per test run by
 * {@code src/test/go/build.sh} into {@code target/kcppeer}, and one running process of it whose
 * stdout lines are collected; {@link #close()} kills it. Its stderr goes to {@code target/go-kcp-interop/}.
 */
final class GoPeer implements AutoCloseable {
    private static Path binary;

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private GoPeer(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "kcppeer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Builds the peer (once); ends the calling test via RequiredTools if Go or kcp-go is missing. */
    static synchronized Path build() throws Exception {
        if (binary != null) {
            return binary;
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path module = Files.isRegularFile(cwd.resolve("src/test/go/build.sh")) ? cwd : cwd.resolve("kcp");
        Path logs = Files.createDirectories(module.resolve("target/go-kcp-interop"));
        Path out = module.resolve("target/kcppeer");
        Path log = logs.resolve("build.log");
        Process build = new ProcessBuilder("bash", module.resolve("src/test/go/build.sh").toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!build.waitFor(3, TimeUnit.MINUTES)) {
                Assertions.fail("building the kcp-go peer took over 3 minutes; see " + log);
            }
        } finally {
            build.destroyForcibly();
        }
        String output = Files.readString(log).strip();
        if (build.exitValue() == 3) {
            RequiredTools.missing("kcp-go peer cannot be built (prerequisite missing): " + output);
        }
        assertThat(build.exitValue()).as("build.sh failed:\n%s", output).isZero();
        binary = out;
        return binary;
    }

    static GoPeer start(String name, String... args) throws Exception {
        Path bin = build();
        List<String> command = new ArrayList<>();
        command.add(bin.toString());
        command.addAll(List.of(args));
        Path err = bin.getParent().resolve("go-kcp-interop/" + name + ".stderr");
        return new GoPeer(new ProcessBuilder(command).redirectError(err.toFile()).start());
    }

    /** Waits for the next stdout line matching {@code pattern} (others are kept in {@link #seen}). */
    Matcher await(Pattern pattern, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                Assertions.fail("kcppeer printed no line matching " + pattern + " within " + seconds + " s; saw "
                        + seen + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
            }
            seen.add(line);
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                return m;
            }
        }
    }

    /** The last matching line printed so far, or null. */
    Matcher latest(Pattern pattern) {
        lines.drainTo(seen);
        for (int i = seen.size() - 1; i >= 0; i--) {
            Matcher m = pattern.matcher(seen.get(i));
            if (m.matches()) {
                return m;
            }
        }
        return null;
    }

    int waitForExit(long seconds) throws InterruptedException {
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("kcppeer exited").isTrue();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        LoggedProcess.stop(process, Duration.ofSeconds(5));
    }
}
