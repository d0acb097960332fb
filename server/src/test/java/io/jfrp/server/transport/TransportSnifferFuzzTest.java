package io.jfrp.server.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jfrp.config.model.ServerTlsConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer: whatever first bytes a peer sends to bindPort, {@link TransportSniffer} (bindPort's, TLS and
 * WebSocket in either order, with and without transport.tls.force) picks a layer, goes on plain or
 * closes the connection; no exception escapes to the end of the pipeline, no buffer leaks (paranoid
 * leak detection in tests), and once the handshake deadline has passed a connection that has not
 * reached the frp layer is closed, whatever it sent. The input's first byte chooses tls.force (0x40)
 * and the size of the pieces the rest arrives in. In CI the committed corpus under
 * src/test/resources/.../TransportSnifferFuzzTestInputs runs;
 * docs/TESTING.md ("Fuzz tests") gives the command for a long run.
 */
class TransportSnifferFuzzTest {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static SslContext serverTls;

    @BeforeAll
    static void context() throws Exception {
        serverTls = ServerTls.context(new ServerTlsConfig(false, null, null, null, dir.resolve("tls")));
    }

    @FuzzTest(maxDuration = "10s")
    void anyFirstBytesPickALayerOrClose(byte[] input) {
        boolean tlsForce = input.length > 0 && (input[0] & 0x40) != 0;
        int step = input.length == 0 ? 1 : 1 + (input[0] & 0x3F);
        boolean[] frpLayer = new boolean[1];
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("sniffer", TransportSniffer.forBindPort(serverTls, tlsForce, HANDSHAKE_TIMEOUT, ctx -> {
            frpLayer[0] = true;
            // what the frp layer would be: it receives (and the tail releases) what follows
            ctx.pipeline().addAfter(ctx.name(), "frp", new ChannelInboundHandlerAdapter());
        }));
        try {
            for (int off = 1; off < input.length && ch.isOpen(); off += step) {
                ch.writeInbound(Unpooled.wrappedBuffer(input, off, Math.min(step, input.length - off)));
                ch.runPendingTasks();
            }
            ch.advanceTimeBy(HANDSHAKE_TIMEOUT.toMillis() + 1, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
            ch.runPendingTasks();
            if (ch.isOpen() && !frpLayer[0]) {
                // still sniffing or still in a handshake: only a connection that has sent less than a
                // whole first layer (a prefix of frp's WebSocket path) may stay, until the first-byte
                // and login deadlines (not installed here) close it
                assertThat(ch.pipeline().get("tls")).as("a TLS handshake outlived its deadline").isNull();
            }
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
