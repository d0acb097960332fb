package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** TCP tunnels through jfrps and jfrpc on real sockets: hash-checked data both ways. */
class TunnelTest extends E2eCase {
    /**
     * The 200 exchanges move about 800 MiB through the tunnel: 10 to 20 s on a quiet machine, minutes on
     * a loaded one. What is checked is that every byte arrives; an exchange fails by itself once no byte
     * has moved in any of them for a minute, so this bound only stops a test that hangs elsewhere.
     */
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @ParameterizedTest(name = "tcpMux={0} tls={1}")
    @CsvSource({"true,true", "true,false", "false,true", "false,false"})
    void concurrentConnectionsThroughATcpProxyArriveIntact(boolean tcpMux, boolean tls) throws Exception {
        EchoService echo = closer.add(new EchoService());
        // 200 connections at once: without tcpMux each needs a work connection of its own (with TLS, a
        // handshake each), which on a busy machine can take longer than frp's default 10 s
        // userConnTimeout. What this test checks is that every byte arrives, not that deadline.
        FrpServer server = server("secret", c -> c.withTcpMux(tcpMux).withUserConnTimeout(Duration.ofSeconds(60)));
        int remotePort = E2e.freePort();
        FrpClient client = client(server.address().getPort(), "secret",
                List.of(ProxyBuilder.tcp("echo", "127.0.0.1", echo.port(), remotePort).build()),
                c -> c.withTcpMux(tcpMux).withTls(tls, null, null, null, null));
        client.start().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.proxyResults().containsKey("echo"));
        NewProxyResp resp = client.proxyResults().get("echo");
        assertThat(resp.error()).isEmpty();
        assertThat(resp.remoteAddr()).isEqualTo(":" + remotePort);

        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            Random sizes = new Random(7);
            AtomicLong moved = new AtomicLong(); // by all of them: one waits while the others move
            List<Future<PublicClient.Result>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int size = 1 + sizes.nextInt(4 << 20);
                long seed = i;
                results.add(pool.submit(() -> PublicClient.exchange(remotePort, size, seed, moved)));
            }
            for (Future<PublicClient.Result> f : results) {
                PublicClient.Result r = f.get(); // done, or failed once nothing moved for a minute
                assertThat(r.received()).isEqualTo(r.sent());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
