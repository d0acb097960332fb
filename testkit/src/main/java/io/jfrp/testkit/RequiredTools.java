package io.jfrp.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one rule for tests that need an independent tool or peer (curl, openssl, nginx, a Go peer):
 * when it is missing the test is skipped on a developer's machine, but fails in CI (environment
 * {@code CI=true}), where {@code scripts/install-test-deps.sh} installs everything and a silent
 * skip would hide a broken setup.
 */
public final class RequiredTools {
    /** Searched after PATH: daemons such as nginx and sshd live there and a user's PATH may lack it. */
    private static final String SYSTEM_DIRS = "/usr/sbin" + File.pathSeparator + "/sbin";

    private RequiredTools() {
    }

    /** Whether this run is CI's ({@code CI=true}). */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Ends the calling test because {@code reason} (a missing tool): a failure in CI, else a skip. */
    public static void missing(String reason) {
        if (inCi()) {
            Assertions.fail(reason + " (CI=true: scripts/install-test-deps.sh should have installed it)");
        }
        Assumptions.abort(reason);
    }

    /** Whether an executable named {@code tool} is on the PATH (or in /usr/sbin, /sbin). */
    public static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + SYSTEM_DIRS;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** {@link #missing Ends} the calling test unless every one of {@code tools} is {@link #onPath on the PATH}. */
    public static void requireOnPath(String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                missing(tool + " is not installed (scripts/install-test-deps.sh installs it)");
            }
        }
    }
}
