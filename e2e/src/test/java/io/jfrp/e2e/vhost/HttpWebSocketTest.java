package io.jfrp.e2e.vhost;

import io.jfrp.config.model.proxy.ProxyBuilder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket through an http proxy: the JDK's WebSocket client (java.net.http), jfrps' vhost, a
 * work connection, and a Netty WebSocket echo service. The 101 turns the exchange into a raw
 * relay; text and large binary messages come back intact.
 */
class HttpWebSocketTest extends HttpVhostCase {
    /** A WebSocket echo service on /ws, with Netty's server-side handshake. */
    private int startEchoService() throws InterruptedException {
        EventLoopGroup group = eventLoopGroup();
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/ws", null, false, 4 << 20),
                                new SimpleChannelInboundHandler<WebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                                        if (frame instanceof TextWebSocketFrame t) {
                                            ctx.writeAndFlush(new TextWebSocketFrame("echo: " + t.text()));
                                        } else if (frame instanceof BinaryWebSocketFrame b) {
                                            ctx.writeAndFlush(new BinaryWebSocketFrame(b.content().retain()));
                                        }
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    @Test
    void aWebSocketSessionPassesThroughTheVhost() throws Exception {
        f = fixture();
        int echoPort = startEchoService();
        HttpEchoBackend plain = f.backend("plain");
        // The JDK client sends Host: 127.0.0.1:port, so the route is that name.
        f.clientUp(ProxyBuilder.http("ws", "127.0.0.1", echoPort, "127.0.0.1").locations(List.of("/ws")).build(),
                ProxyBuilder.http("plain", "127.0.0.1", plain.port(), "127.0.0.1").build());

        LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    received.add(text.toString());
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                binary.writeBytes(b);
                if (last) {
                    received.add(binary.toByteArray());
                    binary = new java.io.ByteArrayOutputStream();
                }
                ws.request(1);
                return null;
            }
        };
        HttpClient http = HttpClient.newHttpClient();
        WebSocket ws = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + f.httpPort + "/ws"), listener).get(10, TimeUnit.SECONDS);
        ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: hello");

        byte[] data = new byte[1 << 20];
        new Random(9).nextBytes(data);
        ws.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
        Object back = received.poll(20, TimeUnit.SECONDS);
        assertThat(back).isInstanceOf(byte[].class);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(HexFormat.of().formatHex(sha.digest((byte[]) back)))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        for (int i = 0; i < 20; i++) {
            ws.sendText("m" + i, true);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: m" + i);
        }
        CompletableFuture<WebSocket> closed = ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        closed.get(10, TimeUnit.SECONDS);

        // Plain requests on the same host and port still go to their own proxy.
        assertThat(f.curl("127.0.0.1", "/other").echo()).containsEntry("backend", "plain");
    }
}
