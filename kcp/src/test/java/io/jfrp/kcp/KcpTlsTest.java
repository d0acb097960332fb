package io.jfrp.kcp;

import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.jfrp.testkit.HashingReader;
import io.jfrp.testkit.TestEventLoops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS (Netty's SslHandler, self-signed certificate) layered on our KCP channel at both ends, as frp
 * layers TLS on KCP, over a path that drops 5 % of packets: the handshake and 2 MiB of echoed
 * records must arrive intact.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KcpTlsTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(2);

    @Test
    void tlsOverKcpBothEnds() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("kcp.test");
        SslContext serverContext = SslContextBuilder.forServer(cert.certificate(), cert.privateKey()).build();
        SslContext clientContext = SslContextBuilder.forClient()
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        EchoHandler echo = new EchoHandler();
        KcpServer server = KcpServer.bind(LOOPS.group(), new InetSocketAddress("127.0.0.1", 0), KcpConfig.frpServer(),
                new ChannelInitializer<KcpChannel>() {
                    @Override
                    protected void initChannel(KcpChannel ch) {
                        ch.pipeline().addLast(serverContext.newHandler(ch.alloc()), echo);
                    }
                }).sync().getNow();
        int size = 2 << 20;
        HashingReader collector = HashingReader.collecting(size);
        try (LossyRelay relay = new LossyRelay(server.localAddress(), 0.05, 21)) {
            KcpChannel client = KcpClient.connect(LOOPS.group(), relay.address(), KcpConfig.frpClient(),
                    new ChannelInitializer<KcpChannel>() {
                        @Override
                        protected void initChannel(KcpChannel ch) {
                            ch.pipeline().addLast(clientContext.newHandler(ch.alloc(), "kcp.test", 443), collector);
                        }
                    }).sync().getNow();
            SslHandler ssl = client.pipeline().get(SslHandler.class);
            assertThat(ssl.handshakeFuture().await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(ssl.handshakeFuture().isSuccess()).as("handshake: %s", ssl.handshakeFuture().cause()).isTrue();
            String sent = KcpChannelTest.send(client, KcpChannelTest.random(size, 22));
            assertThat(collector.done.get(40, TimeUnit.SECONDS)).isEqualTo(sent);
            assertThat(echo.onlyDigest()).isEqualTo(sent);
            assertThat(relay.dropped.get()).isPositive();
            client.close().sync();
        } finally {
            server.close().sync();
            cert.delete();
        }
    }
}
