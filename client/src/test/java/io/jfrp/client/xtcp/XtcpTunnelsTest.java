package io.jfrp.client.xtcp;

import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.config.model.QuicOptions;
import io.jfrp.protocol.transport.quic.QuicKeepalive;
import io.jfrp.config.model.proxy.ProxyBase;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.nathole.punch.PunchResult;
import io.jfrp.nathole.punch.UdpSockets;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.testkit.EmbeddedBytes;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.quic.QuicChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both xtcp tunnels over two UDP sockets on loopback (as if punched): the visitor end opens streams,
 * the proxy end relays each to a local echo service, both wrap with encryption and compression keyed
 * by the secretKey, and what comes back hashes as what was sent.
 */
class XtcpTunnelsTest {
    private static final String SK = "tunnel-secret";
    private UdpSockets sockets;
    private MultiThreadIoEventLoopGroup clientLoops;
    private ServerSocket echo;

    @BeforeEach
    void setUp() throws IOException {
        sockets = UdpSockets.create();
        clientLoops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread c = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException ignored) {
                            // closed
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void tearDown() throws IOException {
        echo.close();
        sockets.close();
        clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ParameterizedTest
    @ValueSource(strings = {"quic", "kcp"})
    void streamsCrossTheTunnelWrappedAndIntact(String protocol) throws Exception {
        DatagramChannel p = sockets.bind(new InetSocketAddress("127.0.0.1", 0), null,
                new ChannelInboundHandlerAdapter(), true).sync().getNow();
        DatagramChannel v = sockets.bind(new InetSocketAddress("127.0.0.1", 0), null,
                new ChannelInboundHandlerAdapter(), true).sync().getNow();
        StreamWrapping wrapping = new StreamWrapping(true, true);
        CryptoKey key = TunnelStreams.key(wrapping, SK);
        ProxyBase base = ProxyBuilder.stcp("t", "127.0.0.1", echo.getLocalPort(), SK).build().base();
        var streams = TunnelStreams.proxyStream("t", base, wrapping, key,
                new LocalDialer(NioSocketChannel.class, Duration.ofSeconds(5)), clientLoops);
        var hole = new PunchResult(p, (InetSocketAddress) v.localAddress(), 0, 1, Duration.ZERO);
        var peer = new PunchResult(v, (InetSocketAddress) p.localAddress(), 0, 1, Duration.ZERO);
        if (protocol.equals("quic")) {
            QuicTunnel.serve(hole, streams, QuicOptions.DEFAULT);
        } else {
            KcpTunnel.serve(hole, streams);
        }
        XtcpTunnel tunnel = (protocol.equals("quic") ? QuicTunnel.dial(peer, QuicOptions.DEFAULT) : KcpTunnel.dial(peer))
                .get(10, TimeUnit.SECONDS);
        try {
            assertThat(tunnel.protocol()).isEqualTo(protocol);
            for (int i = 0; i < 3; i++) {
                assertEchoed(tunnel, wrapping, key, 256 * 1024 + i, i);
            }
            if (tunnel.channel() instanceof QuicChannel quic) {
                var sent = QuicKeepalive.send(quic);
                assertThat(sent.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(sent.isSuccess()).as("a keepalive DATAGRAM goes to another jfrpc: %s", sent.cause()).isTrue();
            }
        } finally {
            tunnel.close();
        }
        assertThat(tunnel.channel().closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(v.closeFuture().await(5, TimeUnit.SECONDS)).as("the UDP socket closes with the tunnel").isTrue();
    }

    /**
     * An idle QUIC tunnel between two jfrpc outlives its maxIdleTimeout: the visitor's keepalive
     * DATAGRAM every keepalivePeriod keeps both ends' idle timers from expiring (2 s timeout, 0.5 s
     * keepalive, 5 s idle).
     */
    @org.junit.jupiter.api.Test
    void anIdleQuicTunnelOutlivesItsIdleTimeout() throws Exception {
        DatagramChannel p = sockets.bind(new InetSocketAddress("127.0.0.1", 0), null,
                new ChannelInboundHandlerAdapter(), true).sync().getNow();
        DatagramChannel v = sockets.bind(new InetSocketAddress("127.0.0.1", 0), null,
                new ChannelInboundHandlerAdapter(), true).sync().getNow();
        StreamWrapping wrapping = new StreamWrapping(false, false);
        ProxyBase base = ProxyBuilder.stcp("t", "127.0.0.1", echo.getLocalPort(), SK).build().base();
        var streams = TunnelStreams.proxyStream("t", base, wrapping, null,
                new LocalDialer(NioSocketChannel.class, Duration.ofSeconds(5)), clientLoops);
        QuicOptions options = new QuicOptions(Duration.ofMillis(500), Duration.ofSeconds(2), 100);
        var served = QuicTunnel.serve(new PunchResult(p, (InetSocketAddress) v.localAddress(), 0, 1, Duration.ZERO),
                streams, options);
        XtcpTunnel tunnel = QuicTunnel.dial(new PunchResult(v, (InetSocketAddress) p.localAddress(), 0, 1,
                Duration.ZERO), options).get(10, TimeUnit.SECONDS);
        try {
            var proxySide = served.get(10, TimeUnit.SECONDS);
            assertThat(tunnel.channel().closeFuture().await(5, TimeUnit.SECONDS))
                    .as("the visitor's end closed while idle").isFalse();
            assertThat(proxySide.isActive()).as("the proxy's end").isTrue();
        } finally {
            tunnel.close();
        }
    }

    private static void assertEchoed(XtcpTunnel tunnel, StreamWrapping wrapping, CryptoKey key, int size, long seed)
            throws Exception {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        MessageDigest got = MessageDigest.getInstance("SHA-256");
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] count = {0};
        DuplexChannel stream = tunnel.openStream(TunnelStreams.visitorStream(wrapping, key)).get(5, TimeUnit.SECONDS);
        stream.eventLoop().submit(() -> {
            stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    byte[] b = EmbeddedBytes.readAndRelease(msg);
                    got.update(b);
                    count[0] += b.length;
                    if (count[0] >= size) {
                        done.complete(null);
                    }
                }
            });
            io.jfrp.protocol.relay.Relay.releaseHold(stream);
            stream.writeAndFlush(Unpooled.wrappedBuffer(data));
        }).sync();
        done.get(20, TimeUnit.SECONDS);
        stream.close();
        assertThat(count[0]).isEqualTo(size);
        assertThat(got.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
