package io.jfrp.server.vhost.https;

import io.jfrp.protocol.relay.Relay;
import io.jfrp.testkit.EmbeddedBytes;
import io.jfrp.testkit.EmbeddedDuplexChannel;
import io.jfrp.testkit.EmbeddedChannels;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SharedPortSniRouter} in front of frp's transport sniffing on bindPort: a ClientHello for an
 * https proxy's name goes to the proxy with the transport's handlers gone; anything else reaches the
 * transport unchanged.
 */
class SharedPortSniRouterTest {
    private static final Map<String, String> ROUTES = Map.of("a.test", "backend-a");

    private final List<String> routed = new ArrayList<>();
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();

    /** Stands for frp's transport sniffer: keeps what reaches it. */
    static final class Transport extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.writeBytes(EmbeddedBytes.readAndRelease(msg));
        }
    }

    private EmbeddedDuplexChannel bindPortConnection(EmbeddedDuplexChannel backend, Transport transport) {
        EmbeddedDuplexChannel ch = channels.track(new EmbeddedDuplexChannel());
        ch.pipeline().addLast("front", new SharedPortSniRouter<String>(ROUTES::get, (Channel c, String name, String t) -> {
            routed.add(name + "->" + t);
            Relay.join((DuplexChannel) c, backend);
        }, 10_000));
        ch.pipeline().addLast("transport", transport);
        return ch;
    }

    @Test
    void aClientHelloForAnHttpsProxyGoesToItAndNotToFrp() throws Exception {
        byte[] hello = SniRouterTest.clientHello("a.test");
        EmbeddedDuplexChannel backend = channels.track(new EmbeddedDuplexChannel());
        Transport transport = new Transport();
        EmbeddedDuplexChannel ch = bindPortConnection(backend, transport);

        ch.writeInbound(Unpooled.wrappedBuffer(hello));
        ch.runPendingTasks();
        backend.runPendingTasks();

        assertThat(routed).containsExactly("a.test->backend-a");
        assertThat(EmbeddedBytes.outbound(backend)).isEqualTo(hello);
        assertThat(ch.pipeline().get("transport")).isNull();
        assertThat(ch.pipeline().get("front")).isNull();
        assertThat(transport.seen.size()).isZero();
    }

    @Test
    void aClientHelloForAnotherNameOrNoneIsFrpsUnchanged() throws Exception {
        for (String name : new String[] {"other.test", null}) {
            byte[] hello = SniRouterTest.clientHello(name);
            Transport transport = new Transport();
            EmbeddedDuplexChannel ch = bindPortConnection(channels.track(new EmbeddedDuplexChannel()), transport);

            ch.writeInbound(Unpooled.wrappedBuffer(hello));
            ch.runPendingTasks();

            assertThat(transport.seen.toByteArray()).isEqualTo(hello);
            assertThat(ch.pipeline().get("front")).isNull();
            assertThat(ch.isOpen()).isTrue();
        }
        assertThat(routed).isEmpty();
    }

    @Test
    void frpsMarkerBytePlainFrpAndOtherBytesAreFrpsUnchanged() {
        for (byte[] first : new byte[][] {{0x17, 0x16, 0x03, 0x01}, {0x00, 0x01, 0x00, 0x01, 0, 0, 0, 1},
                "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)}) {
            Transport transport = new Transport();
            EmbeddedDuplexChannel ch = bindPortConnection(channels.track(new EmbeddedDuplexChannel()), transport);

            ch.writeInbound(Unpooled.wrappedBuffer(first));
            ch.runPendingTasks();

            assertThat(transport.seen.toByteArray()).isEqualTo(first);
            assertThat(ch.isOpen()).isTrue();
        }
        assertThat(routed).isEmpty();
    }
}
