package io.jfrp.server.vhost.https;

import io.jfrp.protocol.relay.Relay;
import io.jfrp.testkit.EmbeddedBytes;
import io.jfrp.testkit.EmbeddedDuplexChannel;
import io.jfrp.testkit.EmbeddedChannels;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SniRouter} on real ClientHellos made by the JDK's TLS client. */
class SniRouterTest {
    private static final Map<String, String> ROUTES = Map.of("a.test", "backend-a", "b.test", "backend-b");

    private final List<String> routed = new ArrayList<>();
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();

    /** The public connection, with a router whose sink relays to {@code backend} like the server does. */
    private EmbeddedDuplexChannel publicConnection(EmbeddedDuplexChannel backend) {
        EmbeddedDuplexChannel pub = channels.track(new EmbeddedDuplexChannel());
        pub.pipeline().addLast(new SniRouter<String>(ROUTES::get, (Channel ch, String name, String target) -> {
            routed.add(name + "->" + target);
            Relay.join((DuplexChannel) ch, backend);
        }, 10_000));
        return pub;
    }

    @Test
    void routesByServerNameAndForwardsTheClientHelloUnchanged() throws Exception {
        byte[] hello = clientHello("b.test");
        EmbeddedDuplexChannel backend = channels.track(new EmbeddedDuplexChannel());
        EmbeddedDuplexChannel pub = publicConnection(backend);

        pub.writeInbound(Unpooled.wrappedBuffer(hello));
        pub.runPendingTasks();
        backend.runPendingTasks();

        assertThat(routed).containsExactly("b.test->backend-b");
        assertThat(EmbeddedBytes.outbound(backend)).isEqualTo(hello);
        assertThat(pub.pipeline().get(SniRouter.class)).isNull();

        // Whatever follows is relayed as is.
        pub.writeInbound(Unpooled.wrappedBuffer("after".getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(EmbeddedBytes.outbound(backend), StandardCharsets.US_ASCII)).isEqualTo("after");
    }

    @Test
    void aClientHelloInSmallPiecesIsReassembledBeforeRouting() throws Exception {
        byte[] hello = clientHello("a.test");
        EmbeddedDuplexChannel backend = channels.track(new EmbeddedDuplexChannel());
        EmbeddedDuplexChannel pub = publicConnection(backend);

        for (int i = 0; i < hello.length; i += 7) {
            assertThat(routed).isEmpty();
            pub.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(hello, i, Math.min(hello.length, i + 7))));
        }
        pub.runPendingTasks();

        assertThat(routed).containsExactly("a.test->backend-a");
        assertThat(EmbeddedBytes.outbound(backend)).isEqualTo(hello);
    }

    @Test
    void bytesArrivingWithTheClientHelloFollowItInOrder() throws Exception {
        byte[] hello = clientHello("a.test");
        byte[] extra = "early".getBytes(StandardCharsets.US_ASCII);
        EmbeddedDuplexChannel backend = channels.track(new EmbeddedDuplexChannel());
        EmbeddedDuplexChannel pub = publicConnection(backend);

        pub.writeInbound(Unpooled.wrappedBuffer(hello, extra));
        pub.runPendingTasks();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(hello);
        expected.write(extra);
        assertThat(EmbeddedBytes.outbound(backend)).isEqualTo(expected.toByteArray());
    }

    @Test
    void anUnknownServerNameGetsAnUnrecognizedNameAlertAndIsClosed() throws Exception {
        EmbeddedDuplexChannel backend = channels.track(new EmbeddedDuplexChannel());
        EmbeddedDuplexChannel pub = publicConnection(backend);

        pub.writeInbound(Unpooled.wrappedBuffer(clientHello("c.test")));
        pub.runPendingTasks();

        assertThat(routed).isEmpty();
        assertThat(EmbeddedBytes.outbound(pub)).containsExactly(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x70);
        assertThat(pub.isOpen()).isFalse();
    }

    @Test
    void aClientHelloWithoutServerNameIsClosed() throws Exception {
        EmbeddedDuplexChannel backend = channels.track(new EmbeddedDuplexChannel());
        EmbeddedDuplexChannel pub = publicConnection(backend);

        pub.writeInbound(Unpooled.wrappedBuffer(clientHello(null)));
        pub.runPendingTasks();

        assertThat(routed).isEmpty();
        assertThat(pub.isOpen()).isFalse();
    }

    @Test
    void plainTextIsClosed() {
        EmbeddedDuplexChannel backend = channels.track(new EmbeddedDuplexChannel());
        EmbeddedDuplexChannel pub = publicConnection(backend);

        pub.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: a.test\r\n\r\n", StandardCharsets.US_ASCII));
        pub.runPendingTasks();

        assertThat(routed).isEmpty();
        assertThat(pub.isOpen()).isFalse();
    }

    /** The first flight of a JDK TLS client: its ClientHello, with {@code serverName} as SNI if not null. */
    static byte[] clientHello(String serverName) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
        engine.setSSLParameters(params);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        assertThat(bytes[0]).as("a TLS handshake record").isEqualTo((byte) 0x16);
        return bytes;
    }
}
