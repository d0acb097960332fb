package io.jfrp.e2e.udp;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** udp proxies between jfrps and jfrpc on loopback, against a UDP echo service. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpProxyTest extends E2eCase {
    private static final String TOKEN = "udp";

    @Test
    void datagramsOfUdpPacketSizeArriveWholeBothWays() throws Exception {
        UdpEcho echo = closer.add(new UdpEcho());
        int remotePort = E2e.freePort();
        FrpServer server = server(TOKEN, c -> c);
        FrpClient client = clientLoggedIn(server.address().getPort(), TOKEN,
                List.of(ProxyBuilder.udp("echo", "127.0.0.1", echo.port(), remotePort).build()));
        E2e.awaitProxy(client, "echo");
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", remotePort);
        try (UdpClient user = new UdpClient()) {
            byte[] first = user.warmUp(target, "hello".getBytes());
            assertThat(first).isEqualTo("hello".getBytes());
            Random random = new Random(7);
            for (int i = 0; i < 50; i++) {
                byte[] data = new byte[1500];
                random.nextBytes(data);
                byte[] answer = user.exchangeRetrying(target, data, 5, 1000);
                assertThat(answer).isEqualTo(data);
            }
        }
    }
}
