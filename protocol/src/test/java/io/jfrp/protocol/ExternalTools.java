package io.jfrp.protocol;

import io.jfrp.testkit.RequiredTools;

import org.junit.jupiter.api.Assertions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs independent tools (openssl, python3) from known-answer tests. A missing tool skips the test,
 * except on CI ({@code CI=true}), where it fails: CI installs them (scripts/install-test-deps.sh).
 */
public final class ExternalTools {
    /** What each checked command gave (empty: it ran and exited 0), so each is run once per test JVM. */
    private static final Map<List<String>, Optional<String>> CHECKED = new ConcurrentHashMap<>();

    private ExternalTools() {
    }

    /**
     * Skips (or on CI fails) the current test unless {@code command} runs and exits 0. The command runs
     * once per test JVM; later calls with the same command give its first answer (tests call this
     * before each use of a tool, which used to start the tool twice for every answer it gave).
     */
    public static void require(String... command) {
        Optional<String> problem = CHECKED.computeIfAbsent(List.of(command), c -> Optional.ofNullable(check(command)));
        if (problem.isPresent()) {
            RequiredTools.missing("independent tool unavailable: " + String.join(" ", command) + ": " + problem.get());
        }
    }

    /** Runs {@code command}: null when it exited 0, else what went wrong. */
    private static String check(String... command) {
        String problem;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problem = "timed out";
            } else {
                problem = p.exitValue() == 0 ? null : "exit status " + p.exitValue();
            }
        } catch (IOException e) {
            problem = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        return problem;
    }

    /** Runs {@code command} with {@code stdin}, asserts exit status 0, and returns its stdout. */
    public static byte[] run(byte[] stdin, String... command) {
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<Void> feeder = CompletableFuture.runAsync(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] stdout = readAll(p.getInputStream());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Assertions.fail(String.join(" ", command) + " timed out");
            }
            feeder.join();
            String err = new String(stderr.join(), StandardCharsets.UTF_8);
            Assertions.assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed: " + err);
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs {@code command} without input and returns its stdout as text. */
    public static String runText(String... command) {
        return new String(run(new byte[0], command), StandardCharsets.UTF_8);
    }

    /** Bytes from hex text, ignoring everything that is not a hex digit (colons, spaces, labels must be cut first). */
    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("[^0-9A-Fa-f]", ""));
    }

    /** The argument list {@code python3 -c script args...}. */
    public static String[] python(String script, String... args) {
        String[] cmd = new String[3 + args.length];
        cmd[0] = "python3";
        cmd[1] = "-c";
        cmd[2] = script;
        System.arraycopy(args, 0, cmd, 3, args.length);
        return cmd;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
