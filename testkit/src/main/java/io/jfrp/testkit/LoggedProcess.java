package io.jfrp.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program a test starts for itself (jfrps in a JVM of its own, stock frps/frpc, dnsmasq, sshd...) whose
 * stdout and stderr go to one log file that failures quote. {@link #close()} asks it to stop (SIGTERM)
 * and kills it when it has not within the grace period, so no test leaves a process behind.
 *
 * <p>One place for what every such wrapper did alike: start with the output redirected, read the log,
 * stop politely then forcibly. Thread-safe as {@link Process} is.
 *
 * @param process the running program
 * @param logFile where its stdout and stderr go
 * @param grace   how long {@link #close()} waits after SIGTERM before SIGKILL
 */
public record LoggedProcess(Process process, Path logFile, Duration grace) implements AutoCloseable {

    /**
     * Starts {@code builder}'s command with stdout and stderr both written to {@code logFile} (replacing
     * it); {@link #close()} gives it {@code grace} to exit after SIGTERM before SIGKILL.
     */
    public static LoggedProcess start(ProcessBuilder builder, Path logFile, Duration grace) throws IOException {
        Process p = builder.redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        return new LoggedProcess(p, logFile, grace);
    }

    /** {@link #start(ProcessBuilder, Path, Duration)} of {@code command}. */
    public static LoggedProcess start(List<String> command, Path logFile, Duration grace) throws IOException {
        return start(new ProcessBuilder(command), logFile, grace);
    }

    /**
     * Stops {@code process}: SIGTERM, then SIGKILL if it is still running after {@code grace}, then waits
     * as long again for it to be gone.
     */
    public static void stop(Process process, Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** What it has logged so far, or a note saying why the log cannot be read. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(process, grace);
    }
}
