package io.jfrp.e2e.udp;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.wirev2.Payload;
import io.jfrp.protocol.udp.UdpPacketsToSocket;
import io.jfrp.server.FrpServer;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A udp proxy's work connection runs on its public socket's event loop in jfrps, so that no datagram
 * is handed from one thread to another (docs/PERFORMANCE.md, "Pool mode: one loop per relay"): with tcpMux the work
 * connection is a stream of the session, on the control's loop where the socket is bound; without,
 * the pooled TCP work connection, accepted on another worker loop, is moved there when the proxy
 * takes it. Until 2026-12-06 it stayed where it was accepted without tcpMux, and every UDPPacket
 * crossed loops both ways. Datagrams still make the round trip through it, byte for byte.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpWorkConnLoopTest extends E2eCase {
    private static final String TOKEN = "udp-loop";

    @ParameterizedTest(name = "tcpMux {0}")
    @ValueSource(booleans = {false, true})
    void theWorkConnectionRunsOnItsSocketsLoop(boolean tcpMux) throws Exception {
        UdpEcho echo = closer.add(new UdpEcho());
        int remotePort = UdpPorts.free();
        FrpServer server = server(TOKEN, c -> c.withTcpMux(tcpMux));
        FrpClient client = client(server.address().getPort(), TOKEN,
                List.of(ProxyBuilder.udp("echo", "127.0.0.1", echo.port(), remotePort).build()),
                c -> c.withTcpMux(tcpMux));
        client.start().get(10, TimeUnit.SECONDS);
        assertThat(E2e.awaitProxy(client, "echo").remoteAddr()).isEqualTo(":" + remotePort);

        InetSocketAddress target = new InetSocketAddress("127.0.0.1", remotePort);
        UdpClient user = closer.add(new UdpClient());
        assertThat(user.warmUp(target, "hello".getBytes())).isEqualTo("hello".getBytes());

        await().atMost(Duration.ofSeconds(10)).until(() -> server.workConnections().size() == 1);
        Channel work = server.workConnections().get(0);
        UdpPacketsToSocket toUsers = work.pipeline().get(UdpPacketsToSocket.class);
        assertThat(toUsers).as("the udp proxy's handler on " + work).isNotNull();
        Channel socket = toUsers.socket();
        assertThat(work.eventLoop()).as("loop of the work connection, beside its public socket's")
                .isSameAs(socket.eventLoop());

        for (int i = 0; i < 20; i++) {
            byte[] data = Payload.random(1 + i * 70, i);
            assertThat(user.exchangeRetrying(target, data, 3, 2000)).as("datagram %d", i).isEqualTo(data);
        }
    }
}
