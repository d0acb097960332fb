package io.jfrp.certs;

import io.jfrp.testkit.RequiredTools;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the {@code openssl} command line tool, an implementation independent of Bouncy Castle and
 * the JDK. Tests needing it are skipped when it is not installed, except under {@code CI=true},
 * where its absence fails them so the check cannot silently disappear.
 */
final class OpenSslCli {
    record Result(int exitCode, String output) {
    }

    private OpenSslCli() {
    }

    /** Skips (or under CI fails) the calling test when {@code openssl} is not on the PATH. */
    static void require() {
        if (find() != null) {
            return;
        }
        RequiredTools.missing("openssl is not installed; the OpenSSL cross-check cannot run");
    }

    /** Runs {@code openssl args...} in {@code directory}, stdin empty, stdout and stderr merged. */
    static Result run(Path directory, String... args) throws IOException, InterruptedException {
        require();
        List<String> command = new ArrayList<>();
        command.add(find().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("openssl " + String.join(" ", args) + " did not finish in 30 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Path find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "openssl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
