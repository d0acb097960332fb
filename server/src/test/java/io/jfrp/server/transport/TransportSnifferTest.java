package io.jfrp.server.transport;

import io.jfrp.config.model.ServerTlsConfig;
import io.jfrp.testkit.EmbeddedBytes;
import io.jfrp.testkit.EmbeddedWire;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.jfrp.testkit.EmbeddedBytes.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first byte decides: 0x16 is TLS, 0x17 is frp's marker then TLS, anything else plain (refused
 * with tls.force). TLS is a real handshake against a client SslHandler on the other end of the wire.
 */
class TransportSnifferTest {
    @TempDir
    static Path dir;
    static SslContext serverTls;
    static SslContext clientTls;

    private final List<String> nextCalledAfter = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void contexts() throws Exception {
        serverTls = ServerTls.context(new ServerTlsConfig(false, null, null, null, dir.resolve("tls")));
        clientTls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    @AfterEach
    void release() {
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
    }

    private EmbeddedChannel server(boolean tlsForce) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("transport", new TransportSniffer(serverTls, tlsForce, java.time.Duration.ofSeconds(10), this::next));
        channels.add(ch);
        return ch;
    }

    private void next(ChannelHandlerContext ctx) {
        nextCalledAfter.add(ctx.name());
    }

    private EmbeddedChannel tlsClient() {
        EmbeddedChannel ch = new EmbeddedChannel(clientTls.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT));
        channels.add(ch);
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
        client.writeAndFlush(text("frp bytes"));
        EmbeddedWire.pump(client, server);
        assertThat(EmbeddedBytes.inboundText(server)).isEqualTo("frp bytes");
    }

    @Test
    void frpsMarkerByteIsConsumedThenTls() {
        EmbeddedChannel server = server(true);
        EmbeddedChannel client = tlsClient();

        server.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x17}));
        EmbeddedWire.pump(client, server);

        assertThat(nextCalledAfter).containsExactly("tls-ready");
        client.writeAndFlush(text("after the marker"));
        EmbeddedWire.pump(client, server);
        assertThat(EmbeddedBytes.inboundText(server)).isEqualTo("after the marker");
    }

    @Test
    void bytesThatAreNotTlsAfterAHandshakeByteCloseTheConnection() {
        EmbeddedChannel server = server(false);

        server.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}));
        server.runPendingTasks();

        assertThat(server.isOpen()).isFalse();
        assertThat(nextCalledAfter).isEmpty();
    }
}
