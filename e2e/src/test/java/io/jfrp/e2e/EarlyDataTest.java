package io.jfrp.e2e;

import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data that the public side sends at once, before its connection has been paired with a work
 * connection and the local service dialled: it is held on both ends while the tunnel is being
 * set up (public connection, work connection), then released into the relay. None of it may be
 * lost or reordered, however much of it there is.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EarlyDataTest extends E2eCase {

    @ParameterizedTest(name = "tcpMux={0} tls={1}")
    @CsvSource({"true,false", "true,true", "false,false"})
    void bytesSentBeforeTheTunnelIsReadyArriveIntact(boolean tcpMux, boolean tls) throws Exception {
        EchoService echo = closer.add(new EchoService());
        FrpServer server = server("early", c -> c.withTcpMux(tcpMux));
        int remotePort = E2e.freePort();
        tcpClientUp(server.address().getPort(), "early", "echo", echo.port(), remotePort,
                c -> c.withTcpMux(tcpMux).withTls(tls, null, null, null, null));
        List<String> damaged = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // The writer starts at once; 1 MiB is far more than one read or one water mark.
            PublicClient.Result r = PublicClient.exchange(remotePort, 1 << 20, 1000 + i);
            if (!r.received().equals(r.sent())) {
                damaged.add("connection " + i + ": " + r.receivedBytes() + " bytes back of " + (1 << 20));
            }
        }
        assertThat(damaged).as("connections whose echo was damaged").isEmpty();
    }
}
