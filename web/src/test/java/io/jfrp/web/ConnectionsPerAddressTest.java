package io.jfrp.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One address cannot take every connection of the dashboard (or the frpc admin server) and lock the
 * operator out: past {@code maxConnectionsPerAddress} its new connections are closed at once, while
 * another address still gets its pages. Real sockets, from 127.0.0.2 (the hostile host) and 127.0.0.1.
 */
class ConnectionsPerAddressTest {
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oneAddressHoldingItsShareLeavesRoomForAnother() throws Exception {
        server = new WebServer(WebServerConfig.plain("127.0.0.1", 0).withCredentials("admin", "pw"),
                WebServerLimits.DEFAULTS.withMaxConnections(8).withMaxConnectionsPerAddress(3));
        server.startOnAnyPort();
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) { // idle connections, as a slow-loris holds them until the idle timeout
                RawHttp c = new RawHttp("127.0.0.2", server.port());
                c.send(RawHttp.get("/healthz")).read();
                held.add(c);
            }
            for (int i = 0; i < 10; i++) {
                try (RawHttp extra = new RawHttp("127.0.0.2", server.port())) {
                    assertThat(extra.closedByServer()).as("connection %d past the address's share", i).isTrue();
                }
            }
            for (int i = 0; i < 3; i++) {
                try (RawHttp operator = new RawHttp("127.0.0.1", server.port())) {
                    assertThat(operator.send(RawHttp.get("/healthz")).read().status()).isEqualTo(200);
                }
            }
        } finally {
            for (RawHttp c : held) {
                c.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        try (RawHttp again = new RawHttp("127.0.0.2", server.port())) {
            assertThat(again.send(RawHttp.get("/healthz")).read().status()).as("its share is back").isEqualTo(200);
        }
    }

    @Test
    void theLimitMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebServerLimits.DEFAULTS.withMaxConnectionsPerAddress(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
