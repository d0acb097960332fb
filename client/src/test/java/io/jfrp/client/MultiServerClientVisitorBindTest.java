package io.jfrp.client;

import com.typesafe.config.ConfigFactory;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.testkit.FreePorts;
import io.jfrp.testkit.Patience;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * When jfrpc's visitors listen: as soon as the client is made, before its connection's TLS set-up
 * and before {@link MultiServerClient#start()}, since frp's e2e suite dials a visitor a fixed time
 * after launching jfrpc; by {@link MultiServerClient#start()} when a store may still change them.
 */
class MultiServerClientVisitorBindTest {
    @TempDir
    Path dir;

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private ClientConfig config(int visitorPort, String extra) throws IOException {
        Path file = write(dir, "frpc.toml", """
                serverAddr = "127.0.0.1"
                serverPort = %d
                loginFailExit = false
                %s
                [[visitors]]
                name = "db-visitor"
                type = "stcp"
                serverName = "db"
                secretKey = "sk"
                bindAddr = "127.0.0.1"
                bindPort = %d
                """.formatted(closedPort(), extra, visitorPort));
        return ConfigLoader.forClient(ConfigFactory.defaultReference()).load(file).clientConfig();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aVisitorListensOnceTheClientIsMadeBeforeItStarts() throws IOException {
        int port = FreePorts.next();
        try (MultiServerClient client = new MultiServerClient(config(port, ""))) {
            await().atMost(Patience.WAIT).until(() -> accepts(port));
            assertThat(client.members().get(0).isOnline()).as("no server: not logged in").isFalse();
        }
        await().atMost(Patience.WAIT).until(() -> FreePorts.bindable(port));
    }

    @Test
    void aClientWhoseTlsCannotBeSetUpReleasesItsVisitorsPort() throws IOException {
        int port = FreePorts.next();
        ClientConfig config = config(port, "transport.tls.trustedCaFile = \"" + dir.resolve("missing-ca.crt") + "\"");

        assertThatThrownBy(() -> new MultiServerClient(config).close()).isInstanceOf(IOException.class);

        await().atMost(Patience.WAIT).until(() -> FreePorts.bindable(port));
    }

    @Test
    void withAStoreTheVisitorsListenFromStart() throws IOException {
        int port = FreePorts.next();
        try (MultiServerClient client = new MultiServerClient(config(port,
                "store.path = \"" + dir.resolve("store.json") + "\""))) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                }
            }).as("not bound before start: the store may replace the visitor").isInstanceOf(ConnectException.class);

            client.start();
            await().atMost(Patience.WAIT).until(() -> accepts(port));
        }
    }
}
