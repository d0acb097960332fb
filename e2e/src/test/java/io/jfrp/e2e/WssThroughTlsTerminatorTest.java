package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientTransportConfig;
import io.jfrp.config.model.TransportProtocol;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyPlugin;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * frp's own e2e set-up for {@code wss} ("Client-Server Protocol wss"): the wss client does not reach
 * jfrps directly but a tcp proxy of another jfrpc whose https2http plugin ends the TLS and forwards
 * the WebSocket upgrade, as plain HTTP, to jfrps' bindPort. After the plugin's 101 both of its
 * connections must become a byte relay that reads at once: the wss client's Login, and then a tcp
 * proxy's echoes of known length (hash-checked) go through the plugin's relay.
 */
class WssThroughTlsTerminatorTest extends E2eCase {
    private static final String TOKEN = "wss-terminated";

    @Test
    void wssClientLogsInThroughAnHttps2httpPluginAndRelays() throws Exception {
        FrpServer server = server(TOKEN, c -> c);
        int bindPort = server.address().getPort();
        int wssPort = E2e.freePort();
        ProxyConfig terminator = ProxyBuilder.tcp("wss2ws", "", 0, wssPort)
                .plugin(new ProxyPlugin("https2http", "127.0.0.1:" + bindPort, "", Map.of(), true, "", "", "", "", "",
                        "", "", "", ""))
                .build();
        FrpClient front = client(bindPort, TOKEN, List.of(terminator), c -> c);
        front.start().get(10, TimeUnit.SECONDS);
        E2e.awaitProxyUp(front, "wss2ws", wssPort);

        EchoService echo = closer.add(new EchoService());
        int remotePort = E2e.freePort();
        tcpClientUp(wssPort, TOKEN, "echo", echo.port(), remotePort, c -> c.withTransport(
                ClientTransportConfig.DEFAULT.withProtocol(TransportProtocol.WSS)));
        for (int i = 0; i < 3; i++) {
            TransportsTest.echoKnownLength(remotePort, 300_000 + i, i);
        }
        assertThat(server.clientCount()).isEqualTo(2);
    }
}
