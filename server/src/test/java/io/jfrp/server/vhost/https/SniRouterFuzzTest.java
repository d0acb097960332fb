package io.jfrp.server.vhost.https;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.AbstractSniHandler;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer: whatever bytes a public client sends where jfrps reads a TLS ClientHello for its server
 * name (SNI) — an https vhost port ({@link SniRouter}) or bindPort shared with https proxies
 * ({@link SharedPortSniRouter}) — the connection is routed, passed on (bindPort) or closed; no
 * exception escapes, no buffer leaks (paranoid leak detection in tests), the reader never keeps a
 * connection past its ClientHello deadline, and a routed connection is routed only by a name
 * the routes know. The input's first byte chooses the size of the pieces the rest arrives in. In CI
 * the committed corpus under src/test/resources/.../SniRouterFuzzTestInputs runs;
 * docs/TESTING.md ("Fuzz tests") gives the command for a long run.
 */
class SniRouterFuzzTest {
    private static final long TIMEOUT_MILLIS = 10_000;
    private static final Map<String, String> ROUTES = Map.of("a.example.com", "proxy-a", "b.example.com", "proxy-b");

    @FuzzTest(maxDuration = "10s")
    void anyBytesRouteOrClose(byte[] input) {
        String[] routed = new String[1];
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(new SniRouter<String>(ROUTES::get, (Channel c, String name, String target) -> {
            routed[0] = target;
            c.close(); // the sink would join it to a work connection; the hold releases what it kept
        }, TIMEOUT_MILLIS));
        feedAndCheck(ch, input, routed, SniRouter.class);
    }

    @FuzzTest(maxDuration = "10s")
    void sharedPortAnyBytesRouteOrPassOn(byte[] input) {
        String[] routed = new String[1];
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("sni", new SharedPortSniRouter<String>(ROUTES::get, (Channel c, String name, String target) -> {
            routed[0] = target;
            c.close();
        }, TIMEOUT_MILLIS));
        // frp's transport on bindPort, which receives whatever is not for an https proxy (the tail releases it)
        ch.pipeline().addLast("frp-transport", new ChannelInboundHandlerAdapter());
        feedAndCheck(ch, input, routed, AbstractSniHandler.class);
    }

    /**
     * Feeds {@code input} to {@code ch}, then checks that {@code routed[0]} is a route's target or
     * nothing, and that no {@code reader} is left on an open connection; releases what is left.
     */
    private static void feedAndCheck(EmbeddedChannel ch, byte[] input, String[] routed,
                                     Class<? extends ChannelHandler> reader) {
        try {
            feed(ch, input);
            assertThat(routed[0] == null || ROUTES.containsValue(routed[0])).isTrue();
            assertThat(ch.isOpen() && ch.pipeline().get(reader) != null)
                    .as("a ClientHello reader outlived its deadline").isFalse();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static void feed(EmbeddedChannel ch, byte[] input) {
        int step = input.length == 0 ? 1 : 1 + (input[0] & 0x3F);
        for (int off = 1; off < input.length && ch.isOpen(); off += step) {
            ch.writeInbound(Unpooled.wrappedBuffer(input, off, Math.min(step, input.length - off)));
            ch.runPendingTasks();
        }
        ch.advanceTimeBy(TIMEOUT_MILLIS + 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        ch.runPendingTasks();
    }
}
