package io.jfrp.client.cli;

import com.typesafe.config.ConfigFactory;
import io.jfrp.client.admin.ClientService;
import io.jfrp.config.ConfigLoader;
import io.jfrp.testkit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** jfrpc with several servers on the command line: verify, loginFailExit over all of them, status. */
class JfrpcServersTest {
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

    @Test
    void statusPrintsEachServerConnectionAfterTheProxies() throws Exception {
        int a = closedPort();
        int b = closedPort();
        Path file = write(dir, "frpc.toml", "jfrp.servers = [\"127.0.0.1:" + a + "\", \"127.0.0.1:" + b + "\"]\n"
                + "loginFailExit = false\nwebServer.port = " + closedPort() + "\n"
                + "[[proxies]]\nname = \"ssh\"\ntype = \"tcp\"\nlocalPort = 22\nremotePort = 6000\n");
        ClientService service = ClientService.create(file,
                ConfigLoader.forClient(ConfigFactory.defaultReference()).load(file).clientConfig());
        try {
            service.client().start();
            await().atMost(Duration.ofSeconds(10)).until(() -> service.serverStatuses().stream()
                    .allMatch(s -> s.failures() > 0));

            CliRun r = CliRun.run(Jfrpc.commandLine(), "status", "-c", file.toString());

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("Proxy Status...\n\nTCP\n").contains("\nServer Status...\n\nServer ")
                    .containsPattern("127\\.0\\.0\\.1:" + a + " +(retrying|connecting) ")
                    .containsPattern("127\\.0\\.0\\.1:" + b + " +(retrying|connecting) ");
        } finally {
            service.client().close();
            service.close();
        }
    }
}
