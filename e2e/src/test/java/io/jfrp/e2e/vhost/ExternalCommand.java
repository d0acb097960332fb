package io.jfrp.e2e.vhost;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs an external tool of the vhost tests (curl, openssl, chromium) to its end within a timeout:
 * stdin empty, no proxy settings inherited from the environment (they would reroute curl), both
 * outputs collected.
 */
public final class ExternalCommand {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> PROXY_VARIABLES = List.of("http_proxy", "https_proxy", "HTTP_PROXY",
            "HTTPS_PROXY", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy");

    private ExternalCommand() {
    }

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }

        /** Asserts that the command exited 0 having printed exactly {@code expected}; a failure quotes it all. */
        public void assertPrinted(String expected) {
            assertThat(exitCode).as(toString()).isZero();
            assertThat(stdout).as(toString()).isEqualTo(expected);
        }
    }

    /** Runs {@code command} within 20 s. */
    public static Result run(String... command) throws IOException, InterruptedException {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    /** Runs {@code command}; an AssertionError if it has not ended within {@code timeout}. */
    public static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        PROXY_VARIABLES.forEach(pb.environment()::remove);
        Process p = pb.start();
        CompletableFuture<String> out = readAsync(p.getInputStream());
        CompletableFuture<String> err = readAsync(p.getErrorStream());
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                    + "; stderr so far:\n" + err.getNow(""));
        }
        try {
            return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("reading the output of " + String.join(" ", command), e);
        }
    }

    private static CompletableFuture<String> readAsync(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
