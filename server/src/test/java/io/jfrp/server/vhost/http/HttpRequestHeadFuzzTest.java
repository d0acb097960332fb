package io.jfrp.server.vhost.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jfrp.config.model.PublicLimits;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.server.proxy.EmbeddedWorkConns;
import io.jfrp.server.proxy.WorkConnBridge;
import io.jfrp.testkit.EmbeddedDuplexChannel;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Jazzer: whatever bytes a public client sends to vhostHTTPPort — through the whole pipeline of a
 * public connection ({@link HttpPublicInitializer}: h2c detection, Netty's HTTP/1.1 codec with our
 * line and header limits, HTTP/2, the exchange handler with its header-count limit, routing by Host,
 * basic auth, forwarding to a work connection) — the request is answered (routed, 404, 400, 401, 414,
 * 431...) or the connection closed; no exception reaches the end of a pipeline and no buffer leaks
 * (paranoid leak detection in tests). Time is then moved past the request-head deadline. One domain
 * routes to a proxy with basic auth and one without; the input's first byte chooses the size of the
 * pieces the rest arrives in. In CI the committed corpus under
 * src/test/resources/.../HttpRequestHeadFuzzTestInputs runs;
 * docs/TESTING.md ("Fuzz tests") gives the command for a long run.
 */
class HttpRequestHeadFuzzTest {
    private static final InetSocketAddress VHOST = new InetSocketAddress("127.0.0.1", 8080);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.9", 40000);

    private final HttpVhost vhost;
    private final EmbeddedWorkConns conns = new EmbeddedWorkConns();
    private final List<EmbeddedChannel> channels = conns.channels();

    HttpRequestHeadFuzzTest() {
        try {
            vhost = new HttpVhost(VhostConfig.OFF.withHttpPort(8080), "127.0.0.1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        route("a.example.com", ProxyBuilder.http("web", "127.0.0.1", 80, "a.example.com").build());
        route("b", ProxyBuilder.http("secret", "127.0.0.1", 80, "b").basicAuth("u", "p").build());
    }

    /** Work connections toward the client's service take whatever is relayed (the tail releases it). */
    private void route(String domain, HttpProxyConfig config) {
        RouteTarget.route(vhost, domain, config, conns, () -> conns.control().eventLoop().newSucceededFuture(conns.work()));
    }

    @FuzzTest(maxDuration = "10s")
    void anyBytesAnswerOrClose(byte[] input) {
        EmbeddedDuplexChannel pub = new EmbeddedDuplexChannel(VHOST, CLIENT);
        conns.track(pub);
        HttpPublicInitializer.init(pub, vhost);
        try {
            int step = input.length == 0 ? 1 : 1 + (input[0] & 0x3F);
            for (int off = 1; off < input.length && pub.isOpen(); off += step) {
                pub.writeInbound(Unpooled.wrappedBuffer(input, off, Math.min(step, input.length - off)));
                runTasks();
            }
            long deadline = PublicLimits.DEFAULTS.httpRequestHeadTimeout().toMillis() + 1;
            for (EmbeddedChannel ch : List.copyOf(channels)) {
                ch.advanceTimeBy(deadline, TimeUnit.MILLISECONDS);
                ch.runScheduledPendingTasks();
            }
            runTasks();
        } finally {
            for (EmbeddedChannel ch : List.copyOf(channels)) {
                ch.finishAndReleaseAll();
            }
            channels.retainAll(List.of(conns.control()));
        }
    }

    private void runTasks() {
        conns.runPendingTasks(4);
    }
}
