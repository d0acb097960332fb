package io.jfrp.server.transport;

import io.jfrp.config.model.ServerTlsConfig;
import io.jfrp.testkit.EmbeddedBytes;
import io.jfrp.testkit.EmbeddedWire;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.jfrp.protocol.websocket.WebSocketByteStream;
import io.jfrp.testkit.EmbeddedChannels;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.jfrp.testkit.EmbeddedBytes.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first bytes decide: 0x16 is TLS, 0x17 is frp's marker then TLS, {@code GET /~!frp} frp's
 * WebSocket (bindPort), anything else plain (refused with tls.force). TLS is a real handshake against
 * a client SslHandler on the other end of the wire, the WebSocket a real upgrade by Netty's client
 * handshaker.
 */
class TransportSnifferTest {
    @TempDir
    static Path dir;
    static SslContext serverTls;
    static SslContext clientTls;

    private final List<String> nextCalledAfter = new ArrayList<>();
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();

    @BeforeAll
    static void contexts() throws Exception {
        serverTls = ServerTls.context(new ServerTlsConfig(false, null, null, null, dir.resolve("tls")));
        clientTls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    private EmbeddedChannel server(boolean tlsForce) {
        return sniffing(new TransportSniffer(serverTls, tlsForce, java.time.Duration.ofSeconds(10), this::next));
    }

    /** A tracked channel with {@code sniffer} as its "transport" handler. */
    private EmbeddedChannel sniffing(TransportSniffer sniffer) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("transport", sniffer);
        channels.track(ch);
        return ch;
    }

    /** {@code from} sends {@code text}; after pumping the wire, {@code to} has read exactly it. */
    private static void assertCarries(EmbeddedChannel from, EmbeddedChannel to, String text) {
        from.writeAndFlush(text(text));
        EmbeddedWire.pump(from, to);
        assertThat(EmbeddedBytes.inboundText(to)).isEqualTo(text);
    }

    private void next(ChannelHandlerContext ctx) {
        nextCalledAfter.add(ctx.name());
    }

    private EmbeddedChannel tlsClient() {
        EmbeddedChannel ch = new EmbeddedChannel(clientTls.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT));
        channels.track(ch);
        return ch;
    }

    @Test
    void aPlainFirstByteIsAPlainConnectionAndItsBytesGoOnUnchanged() {
        EmbeddedChannel server = server(false);

        server.writeInbound(text("o{\"version\":\"0.61.1\"}"));

        assertThat(nextCalledAfter).containsExactly("transport");
        assertThat(server.pipeline().get(TransportSniffer.class)).as("the sniffer leaves").isNull();
        assertThat(EmbeddedBytes.inboundText(server)).isEqualTo("o{\"version\":\"0.61.1\"}");
        assertThat(server.isOpen()).isTrue();
    }

    @Test
    void aPlainConnectionIsRefusedWhenTlsIsForced() {
        EmbeddedChannel server = server(true);

        server.writeInbound(text("plain"));

        assertThat(server.isOpen()).isFalse();
        assertThat(nextCalledAfter).isEmpty();
        assertThat((Object) server.readInbound()).isNull();
    }

    @Test
    void aTlsHandshakeRecordStartsTlsAndTheNextLayersComeAfterTheHandshake() {
        EmbeddedChannel server = server(true);
        EmbeddedChannel client = tlsClient();

        EmbeddedWire.pump(client, server);

        assertThat(nextCalledAfter).as("called once, after TLS").containsExactly("tls-ready");
        assertThat(server.pipeline().get("tls")).isNotNull();
        assertThat(server.pipeline().get("tls-ready")).as("gone after the handshake").isNull();
        assertCarries(client, server, "frp bytes");
    }

    @Test
    void frpsMarkerByteIsConsumedThenTls() {
        EmbeddedChannel server = server(true);
        EmbeddedChannel client = tlsClient();

        server.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x17}));
        EmbeddedWire.pump(client, server);

        assertThat(nextCalledAfter).containsExactly("tls-ready");
        assertCarries(client, server, "after the marker");
    }

    @Test
    void bytesThatAreNotTlsAfterAHandshakeByteCloseTheConnection() {
        EmbeddedChannel server = server(false);

        server.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}));
        server.runPendingTasks();

        assertThat(server.isOpen()).isFalse();
        assertThat(nextCalledAfter).isEmpty();
    }

    private EmbeddedChannel bindPort(boolean tlsForce) {
        return sniffing(TransportSniffer.forBindPort(serverTls, tlsForce, java.time.Duration.ofSeconds(10), this::next));
    }

    /** A client that sends frp's upgrade for {@code path}; returns it once the server has answered. */
    private EmbeddedChannel webSocketClient(EmbeddedChannel server, String path, List<FullHttpResponse> answer) {
        EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(8192));
        channels.track(client);
        WebSocketClientHandshaker hs = WebSocketClientHandshakerFactory.newHandshaker(
                URI.create("ws://127.0.0.1:7000" + path), WebSocketVersion.V13, null, false,
                new DefaultHttpHeaders().set(HttpHeaderNames.ORIGIN, "http://127.0.0.1:7000"), 65536);
        hs.handshake(client);
        EmbeddedWire.pump(client, server);
        FullHttpResponse response = client.readInbound();
        if (response != null && response.status().code() == 101) {
            hs.finishHandshake(client, response);
            client.pipeline().addLast(new WebSocketByteStream());
        }
        if (response != null) {
            answer.add(response);
        }
        return client;
    }

    @Test
    void frpsWebSocketUpgradeThenItsFramesCarryTheBytes() {
        EmbeddedChannel server = bindPort(false);
        List<FullHttpResponse> answer = new ArrayList<>();
        EmbeddedChannel client = webSocketClient(server, "/~!frp", answer);

        assertThat(answer).singleElement().satisfies(r -> assertThat(r.status().code()).isEqualTo(101));
        answer.forEach(FullHttpResponse::release);
        client.writeAndFlush(text("frp bytes in frames"));
        EmbeddedWire.pump(client, server);

        assertThat(nextCalledAfter).as("plain frp inside the WebSocket").containsExactly("transport-websocket");
        assertThat(EmbeddedBytes.inboundText(server)).isEqualTo("frp bytes in frames");
        assertCarries(server, client, "and back");
    }

    @Test
    void anotherPathIsNotFoundAndClosed() {
        EmbeddedChannel server = bindPort(false);
        List<FullHttpResponse> answer = new ArrayList<>();
        webSocketClient(server, "/~!frpx", answer);

        assertThat(answer).singleElement().satisfies(r -> assertThat(r.status().code()).isEqualTo(404));
        answer.forEach(FullHttpResponse::release);
        assertThat(server.isOpen()).isFalse();
        assertThat(nextCalledAfter).isEmpty();
    }

    @Test
    void aPrefixOfTheUpgradeWaitsAndOtherHttpIsPlainFrpAsInStockFrps() {
        EmbeddedChannel waiting = bindPort(false);
        waiting.writeInbound(text("GET /~"));
        assertThat(nextCalledAfter).isEmpty();
        assertThat(waiting.isOpen()).isTrue();

        EmbeddedChannel other = bindPort(false);
        other.writeInbound(text("GET /index.html HTTP/1.1\r\n"));
        assertThat(nextCalledAfter).containsExactly("transport");
        assertThat(EmbeddedBytes.inboundText(other)).startsWith("GET /index.html");
    }

    @Test
    void tlsForceRefusesPlainFrpInsideAWebSocket() {
        EmbeddedChannel server = bindPort(true);
        List<FullHttpResponse> answer = new ArrayList<>();
        EmbeddedChannel client = webSocketClient(server, "/~!frp", answer);
        answer.forEach(FullHttpResponse::release);

        client.writeAndFlush(text("plain frp"));
        EmbeddedWire.pump(client, server);

        assertThat(server.isOpen()).isFalse();
        assertThat(nextCalledAfter).isEmpty();
    }

    @Test
    void aTlsHandshakeInsideAWebSocketHasTheSameDeadline() {
        EmbeddedChannel server = new EmbeddedChannel();
        server.pipeline().addLast("transport", TransportSniffer.forBindPort(serverTls, false,
                java.time.Duration.ofSeconds(2), this::next));
        channels.track(server);
        List<FullHttpResponse> answer = new ArrayList<>();
        EmbeddedChannel client = webSocketClient(server, "/~!frp", answer);
        answer.forEach(FullHttpResponse::release);

        client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01})); // a ClientHello's start, no more
        EmbeddedWire.pump(client, server);
        assertThat(server.pipeline().get("tls")).as("TLS started inside the WebSocket").isNotNull();
        server.advanceTimeBy(1, java.util.concurrent.TimeUnit.SECONDS);
        server.runScheduledPendingTasks();
        assertThat(server.isOpen()).as("within the deadline").isTrue();
        server.advanceTimeBy(1500, java.util.concurrent.TimeUnit.MILLISECONDS);
        server.runScheduledPendingTasks();
        server.runPendingTasks();

        assertThat(server.isOpen()).as("closed at jfrp.security.tlsHandshakeTimeout").isFalse();
        assertThat(nextCalledAfter).isEmpty();
    }
}
