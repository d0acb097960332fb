package io.jfrp.server.proxy;

import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.relay.Relay;
import io.jfrp.testkit.EmbeddedBytes;
import io.jfrp.testkit.EmbeddedDuplexChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proxy's way to its client's work connections: StartWorkConn with the public peer's addresses,
 * the proxy's wrapping, the relay, and what happens when no work connection can be had.
 */
class WorkConnBridgeTest {
    private static final InetSocketAddress SRC = new InetSocketAddress("10.1.2.3", 51000);
    private static final InetSocketAddress DST = new InetSocketAddress("127.0.0.1", 6000);

    /** The control connection: its loop is the source's executor. */
    private final EmbeddedWorkConns conns = new EmbeddedWorkConns();
    private final EmbeddedChannel control = conns.control();

    @AfterEach
    void tearDown() {
        conns.close();
    }

    private EmbeddedDuplexChannel work() {
        return conns.work();
    }

    private WorkConnBridge bridge(Future<Channel> taken, StreamWrapping wrapping) {
        return new WorkConnBridge(new FixedWorkConnSource(control.eventLoop(), () -> taken), "alice.ssh", wrapping,
                CryptoKey.fromSecret("token"));
    }

    private void runTasks() {
        conns.runPendingTasks(5);
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = ByteBufUtil.getBytes(b);
        b.release();
        return out;
    }

    @Test
    void openSendsStartWorkConnWithTheAddressesAndLeavesARawConnection() {
        EmbeddedDuplexChannel w = work();
        AtomicReference<Channel> setUp = new AtomicReference<>();

        Future<Channel> opened = bridge(control.eventLoop().newSucceededFuture(w), StreamWrapping.NONE)
                .open(SRC, DST, setUp::set);
        runTasks();

        assertThat(opened.getNow()).isSameAs(w);
        assertThat(setUp.get()).isSameAs(w);
        assertThat(MessageCodec.decode(bytes(w.readOutbound())))
                .isEqualTo(new StartWorkConn("alice.ssh", "10.1.2.3", "127.0.0.1", 51000, 6000, ""));
        assertThat(w.pipeline().get(WorkConnBridge.IDLE_HANDLER)).isNull();
        assertThat(w.pipeline().get(FrpPipelines.FRAME_DECODER)).as("bytes, not messages, from here").isNull();
        assertThat(w.pipeline().get(FrpPipelines.FRAME_ENCODER)).isNull();
    }

    @Test
    void theProxysWrappingGoesOnAfterStartWorkConn() {
        EmbeddedDuplexChannel w = work();

        bridge(control.eventLoop().newSucceededFuture(w), new StreamWrapping(true, true)).open(SRC, DST, ch -> { });
        runTasks();

        assertThat(MessageCodec.decode(bytes(w.readOutbound()))).isInstanceOf(StartWorkConn.class);
        assertThat(w.pipeline().get(FrpPipelines.CRYPTO_ENCODER)).isNotNull();
        assertThat(w.pipeline().get(FrpPipelines.SNAPPY_ENCODER)).isNotNull();
    }

    @Test
    void noWorkConnectionFailsTheOpenWithTheReason() {
        Future<Channel> opened = bridge(control.eventLoop().newFailedFuture(new TimeoutException("none within PT10S")),
                StreamWrapping.NONE).open(SRC, DST, ch -> { });
        runTasks();

        assertThat(opened.cause()).isInstanceOf(TimeoutException.class);
    }

    @Test
    void aWorkConnectionThatDiedMeanwhileFailsTheOpen() {
        EmbeddedDuplexChannel w = work();
        w.close();

        Future<Channel> opened = bridge(control.eventLoop().newSucceededFuture(w), StreamWrapping.NONE)
                .open(SRC, DST, ch -> { });
        runTasks();

        assertThat(opened.cause()).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void aSetupThatThrowsClosesTheWorkConnectionAndFailsTheOpen() {
        EmbeddedDuplexChannel w = work();

        Future<Channel> opened = bridge(control.eventLoop().newSucceededFuture(w), StreamWrapping.NONE)
                .open(SRC, DST, ch -> {
                    throw new IllegalStateException("no");
                });
        runTasks();

        assertThat(opened.cause()).hasMessage("no");
        assertThat(w.isOpen()).isFalse();
    }

    @Test
    void relayJoinsThePublicConnectionInitialBytesFirst() {
        EmbeddedDuplexChannel w = work();
        EmbeddedDuplexChannel pub = new EmbeddedDuplexChannel(DST, SRC);
        conns.track(pub);
        Relay.holdUntilJoined(pub);
        pub.writeInbound(Unpooled.copiedBuffer("sent early", StandardCharsets.UTF_8));

        bridge(control.eventLoop().newSucceededFuture(w), StreamWrapping.NONE)
                .relay(pub, Unpooled.copiedBuffer("initial|", StandardCharsets.UTF_8));
        runTasks();

        assertThat(MessageCodec.decode(bytes(w.readOutbound())))
                .isEqualTo(new StartWorkConn("alice.ssh", "10.1.2.3", "127.0.0.1", 51000, 6000, ""));
        assertThat(EmbeddedBytes.outboundText(w)).isEqualTo("initial|sent early");

        w.writeInbound(Unpooled.copiedBuffer("answer", StandardCharsets.UTF_8));
        runTasks();
        assertThat(new String(bytes(pub.readOutbound()), StandardCharsets.UTF_8)).isEqualTo("answer");
    }

    @Test
    void aPublicConnectionWithNoWorkConnectionIsClosedAndItsInitialBytesReleased() {
        EmbeddedDuplexChannel pub = new EmbeddedDuplexChannel(DST, SRC);
        conns.track(pub);
        Relay.holdUntilJoined(pub);
        ByteBuf initial = Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8);

        bridge(control.eventLoop().newFailedFuture(new TimeoutException("none")), StreamWrapping.NONE)
                .relay(pub, initial);
        runTasks();

        assertThat(pub.isOpen()).isFalse();
        assertThat(initial.refCnt()).isZero();
    }
}
