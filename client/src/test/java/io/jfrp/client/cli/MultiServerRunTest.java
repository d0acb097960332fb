package io.jfrp.client.cli;

import io.jfrp.testkit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/** jfrpc with several servers on the command line: verify, and loginFailExit over all of them. */
class MultiServerRunTest {
    @TempDir
    Path dir;

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void whenNoServerTakesTheFirstLoginJfrpcExitsOneNamingThemAll() throws IOException {
        int a = closedPort();
        int b = closedPort();
        Path file = write(dir, "frpc.toml", "jfrp.servers = [\"127.0.0.1:" + a + "\", \"127.0.0.1:" + b + "\"]\n"
                + "transport.dialServerTimeout = 3\n");

        assertThat(CliRun.run(Jfrpc.commandLine(), "verify", "-c", file.toString()).exitCode()).isZero();
        CliRun r = CliRun.run(Jfrpc.commandLine(), "-c", file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("jfrpc: login to every server [127.0.0.1:" + a + ", 127.0.0.1:" + b + "] failed: ")
                .contains("loginFailExit = true");
    }
}
