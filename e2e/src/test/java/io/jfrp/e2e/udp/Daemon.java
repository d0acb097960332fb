package io.jfrp.e2e.udp;

import io.jfrp.testkit.LoggedProcess;
import io.jfrp.testkit.RequiredTools;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real server program a test starts for itself (dnsmasq, sshd, iperf3 -s) with its own
 * configuration, in the foreground, output to a log file that failures quote; stopped by
 * {@link LoggedProcess#close()}.
 */
final class Daemon {
    private Daemon() {
    }

    /**
     * Starts {@code command} with no input, its output in {@code name}.log in {@code dir} (its program
     * must be installed: else the test is skipped, or fails on CI).
     */
    static LoggedProcess start(Path dir, String name, List<String> command) throws IOException {
        RequiredTools.requireOnPath(Path.of(command.get(0)).getFileName().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return LoggedProcess.start(builder, dir.resolve(name + ".log"), Duration.ofSeconds(5));
    }
}
