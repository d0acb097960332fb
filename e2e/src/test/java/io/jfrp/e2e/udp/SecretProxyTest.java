package io.jfrp.e2e.udp;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** stcp and sudp proxies reached through jfrpc visitors, all jfrp, on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecretProxyTest extends E2eCase {
    private static final String TOKEN = "secret";

    @Test
    void stcpAndSudpVisitorsReachTheirProxies() throws Exception {
        EchoService tcpEcho = closer.add(new EchoService());
        UdpEcho udpEcho = closer.add(new UdpEcho());
        FrpServer server = server(TOKEN, c -> c);
        int serverPort = server.address().getPort();
        FrpClient owner = clientLoggedIn(serverPort, TOKEN, List.of(
                ProxyBuilder.stcp("ssh", "127.0.0.1", tcpEcho.port(), "k1").build(),
                ProxyBuilder.sudp("dns", "127.0.0.1", udpEcho.port(), "k2").build()));
        E2e.awaitProxy(owner, "ssh");
        E2e.awaitProxy(owner, "dns");
        int stcpPort = E2e.freePort();
        int sudpPort = UdpPorts.free();
        FrpClient visitor = closer.add(new FrpClient(ClientConfig.loopback(serverPort, TOKEN, List.of())
                .withVisitors(List.of(VisitorBuilder.stcp("ssh-visitor", "ssh", "k1", stcpPort).build(),
                        VisitorBuilder.sudp("dns-visitor", "dns", "k2", sudpPort).build()))));
        visitor.start().get(10, TimeUnit.SECONDS);

        E2e.assertEchoIntact(stcpPort, 1 << 20, 3);
        try (UdpClient user = new UdpClient()) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", sudpPort);
            assertThat(user.warmUp(target, "ping".getBytes())).isEqualTo("ping".getBytes());
        }
    }
}
