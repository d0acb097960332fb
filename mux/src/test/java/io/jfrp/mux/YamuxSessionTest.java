package io.jfrp.mux;

import io.jfrp.mux.WireFrames.Frame;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jfrp.mux.WireFrames.bytes;
import static io.jfrp.mux.WireFrames.data;
import static io.jfrp.mux.WireFrames.deliver;
import static io.jfrp.mux.WireFrames.goAway;
import static io.jfrp.mux.WireFrames.ping;
import static io.jfrp.mux.WireFrames.windowUpdate;
import static io.jfrp.mux.WireFrames.written;
import static io.jfrp.mux.YamuxFlags.ACK;
import static io.jfrp.mux.YamuxFlags.FIN;
import static io.jfrp.mux.YamuxFlags.RST;
import static io.jfrp.mux.YamuxFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** The session against a scripted peer: exact frames in, exact frames out, on an EmbeddedChannel. */
class YamuxSessionTest extends EmbeddedSessionFixture {
    /** No keepalive and no auto-tuning, so the session writes nothing unasked. */
    static final YamuxConfig QUIET = YamuxConfig.defaults()
            .withKeepalive(Duration.ZERO, Duration.ofSeconds(10))
            .withWindow(false, YamuxConfig.INITIAL_WINDOW);
    static final int W = YamuxConfig.INITIAL_WINDOW;

    RecordingHandler inbound = new RecordingHandler();

    EmbeddedChannel start(YamuxRole role, YamuxConfig config, boolean withInboundHandler) {
        return startSession(role, config, withInboundHandler ? inbound : null);
    }

    YamuxStreamChannel open(RecordingHandler handler) {
        Future<YamuxStreamChannel> f = session.openStream(handler);
        assertThat(f.isSuccess()).as("open: %s", f.cause()).isTrue();
        return f.getNow();
    }

    /**
     * A quiet client session with stream 1 open on {@code h}; its SYN has been taken off the wire
     * (see {@link #clientOpensOddIdsWithWindowUpdateSyn}).
     */
    YamuxStreamChannel openedClientStream(RecordingHandler h) {
        start(YamuxRole.CLIENT, QUIET, false);
        YamuxStreamChannel s = open(h);
        written(ch);
        return s;
    }

    /** Moves the channel's clock on and runs what has fallen due. */
    void advanceSeconds(long seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    /**
     * A client stream 1 whose child does not read: it half-closes, and the peer's ACK and FIN arrive,
     * so both FINs have gone by while the child has not yet read the peer's.
     */
    YamuxStreamChannel bothFinsWithTheChildNotReading(RecordingHandler h) {
        start(YamuxRole.CLIENT, QUIET, false);
        YamuxStreamChannel s = open(h);
        s.config().setAutoRead(false);
        s.shutdownOutput();
        deliver(ch, windowUpdate(ACK | FIN, 1, 0));
        return s;
    }

    void assertProtocolError(String messagePart) {
        List<Frame> frames = written(ch);
        assertThat(frames).last().isEqualTo(goAway(1));
        assertThat(ch.isOpen()).isFalse();
        assertThat(session.terminationCause()).isInstanceOf(YamuxException.class).hasMessageContaining(messagePart);
        assertThat(((YamuxException) session.terminationCause()).code()).isEqualTo(YamuxErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void clientOpensOddIdsWithWindowUpdateSyn() {
        start(YamuxRole.CLIENT, QUIET, false);
        RecordingHandler h = new RecordingHandler();
        YamuxStreamChannel s1 = open(h);
        YamuxStreamChannel s3 = open(h);
        assertThat(s1.streamId()).isEqualTo(1);
        assertThat(s3.streamId()).isEqualTo(3);
        assertThat(s1.isActive()).isTrue();
        assertThat(written(ch)).containsExactly(windowUpdate(SYN, 1, 0), windowUpdate(SYN, 3, 0));
    }

    @Test
    void serverOpensEvenIds() {
        start(YamuxRole.SERVER, QUIET, false);
        assertThat(open(new RecordingHandler()).streamId()).isEqualTo(2);
        assertThat(open(new RecordingHandler()).streamId()).isEqualTo(4);
    }

    @Test
    void writesBecomeDataFramesLargerThanTheCapForAStreamAlone() {
        YamuxStreamChannel s = openedClientStream(new RecordingHandler());
        byte[] payload = bytes(40 * 1024, 1);
        s.writeAndFlush(Unpooled.wrappedBuffer(payload));
        List<Frame> frames = written(ch);
        // No other stream waits and the connection has room: one frame, not three of 16 KiB
        // (SendSchedulerTest: the cap while streams share the connection).
        assertThat(frames).containsExactly(data(0, 1, payload));
        assertThat(s.sendWindow()).isEqualTo(W - 40960);
    }

    @Test
    void smallWritesAreCoalescedIntoOneFrame() {
        YamuxStreamChannel s = openedClientStream(new RecordingHandler());
        s.write(Unpooled.wrappedBuffer(new byte[] {1, 2}));
        s.write(Unpooled.wrappedBuffer(new byte[0]));
        s.write(Unpooled.wrappedBuffer(new byte[] {3}));
        s.flush();
        assertThat(written(ch)).containsExactly(data(0, 1, new byte[] {1, 2, 3}));
    }

    @Test
    void sendWindowLimitsWritesUntilWindowUpdate() {
        YamuxStreamChannel s = openedClientStream(new RecordingHandler());
        byte[] payload = bytes(W + 1000, 2);
        ChannelFuture write = s.writeAndFlush(Unpooled.wrappedBuffer(payload));
        List<Frame> frames = written(ch);
        assertThat(frames.stream().mapToLong(Frame::length).sum()).isEqualTo(W);
        assertThat(s.sendWindow()).isZero();
        assertThat(write.isDone()).isFalse();
        deliver(ch, windowUpdate(ACK, 1, 600));
        assertThat(written(ch)).containsExactly(data(0, 1, java.util.Arrays.copyOfRange(payload, W, W + 600)));
        deliver(ch, windowUpdate(0, 1, 10_000));
        assertThat(written(ch)).containsExactly(data(0, 1, java.util.Arrays.copyOfRange(payload, W + 600, W + 1000)));
        assertThat(write.isSuccess()).isTrue();
        assertThat(s.sendWindow()).isEqualTo(10_000 - 400);
    }

    @Test
    void streamsAreServedRoundRobinOneFrameEach() {
        start(YamuxRole.CLIENT, QUIET, false);
        YamuxStreamChannel a = open(new RecordingHandler());
        YamuxStreamChannel b = open(new RecordingHandler());
        written(ch);
        // Parent unwritable: both streams queue their data, then it drains in turns.
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        a.writeAndFlush(Unpooled.wrappedBuffer(bytes(3 * 16384, 3)));
        b.writeAndFlush(Unpooled.wrappedBuffer(bytes(2 * 16384, 4)));
        assertThat(written(ch)).isEmpty();
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        ch.pipeline().fireChannelWritabilityChanged();
        List<Frame> frames = written(ch);
        assertThat(frames).extracting(Frame::streamId).containsExactly(1, 3, 1, 3, 1);
    }

    @Test
    void inboundSynIsAcceptedWithAckAndDataDelivered() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, data(SYN, 1, "hello".getBytes()));
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 1, 0));
        assertThat(inbound.received.toString()).isEqualTo("hello");
        assertThat(inbound.channel().streamId()).isEqualTo(1);
        assertThat(inbound.channel().isOutbound()).isFalse();
    }

    @Test
    void creditIsReturnedOnlyAsTheChildReads() {
        start(YamuxRole.SERVER, QUIET, false);
        deliver(ch, windowUpdate(SYN, 1, 0));
        RecordingHandler h = new RecordingHandler();
        Future<YamuxStreamChannel> accepted = session.acceptStream(new io.netty.channel.ChannelInitializer<YamuxStreamChannel>() {
            @Override
            protected void initChannel(YamuxStreamChannel c) {
                c.config().setAutoRead(false);
                c.pipeline().addLast(h);
            }
        });
        YamuxStreamChannel s = accepted.getNow();
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 1, 0));
        // The peer fills the whole window; nothing is read, so no credit comes back.
        for (int i = 0; i < 16; i++) {
            deliver(ch, data(0, 1, bytes(16384, i)));
        }
        assertThat(written(ch)).isEmpty();
        assertThat(s.queuedInboundBytes()).isEqualTo(W);
        assertThat(h.received.size()).isZero();
        // The child reads: 16 buffers are consumed, credit for all of them goes back at once.
        s.read();
        assertThat(h.received.size()).isEqualTo(W);
        assertThat(written(ch)).containsExactly(windowUpdate(0, 1, W));
    }

    @Test
    void shutdownInputDiscardsDataAndStillReturnsCredit() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, data(SYN, 1, bytes(100_000, 1)));
        YamuxStreamChannel s = inbound.channel();
        written(ch);
        s.shutdownInput();
        assertThat(s.isInputShutdown()).isTrue();
        for (int i = 0; i < 3; i++) {
            deliver(ch, data(0, 1, bytes(16384, i)));
        }
        // 100,000 + 49,152 bytes consumed by discarding: one update once half the window is used.
        assertThat(written(ch)).containsExactly(windowUpdate(0, 1, 100_000 + 2 * 16384));
        assertThat(inbound.received.size()).isEqualTo(100_000);
        s.writeAndFlush(Unpooled.wrappedBuffer("out".getBytes()));
        assertThat(written(ch)).containsExactly(data(0, 1, "out".getBytes()));
    }

    @Test
    void dataBeyondTheGrantedWindowIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET, false);
        deliver(ch, windowUpdate(SYN, 1, 0));
        for (int i = 0; i < 16; i++) {
            deliver(ch, data(0, 1, bytes(16384, i)));
        }
        deliver(ch, data(0, 1, new byte[1]));
        assertProtocolError("exceeds the window");
    }

    @Test
    void shutdownOutputSendsFinAfterPendingDataAndStreamCanStillRead() {
        RecordingHandler h = new RecordingHandler();
        YamuxStreamChannel s = openedClientStream(h);
        s.write(Unpooled.wrappedBuffer("abc".getBytes()));
        ChannelFuture fin = s.shutdownOutput();
        assertThat(written(ch)).containsExactly(data(0, 1, "abc".getBytes()), windowUpdate(FIN, 1, 0));
        assertThat(fin.isSuccess()).isTrue();
        assertThat(h.events).contains(ChannelOutputShutdownEvent.INSTANCE);
        assertThat(s.writeAndFlush(Unpooled.wrappedBuffer(new byte[1])).cause())
                .isInstanceOf(io.netty.channel.socket.ChannelOutputShutdownException.class);
        deliver(ch, data(ACK, 1, "reply".getBytes()), windowUpdate(FIN, 1, 0));
        assertThat(h.received.toString()).isEqualTo("reply");
        assertThat(h.events).contains(ChannelInputShutdownEvent.INSTANCE);
        assertThat(s.isOpen()).as("both directions ended").isFalse();
        assertThat(session.streamCount()).isZero();
    }

    @Test
    void receivedFinIsInputShutdownAndTheChildCanStillWrite() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, data(SYN | FIN, 1, "question".getBytes()));
        YamuxStreamChannel s = inbound.channel();
        assertThat(inbound.received.toString()).isEqualTo("question");
        assertThat(inbound.events).containsSubsequence(ChannelInputShutdownEvent.INSTANCE,
                io.netty.channel.socket.ChannelInputShutdownReadComplete.INSTANCE);
        assertThat(s.isOpen()).isTrue();
        written(ch);
        s.writeAndFlush(Unpooled.wrappedBuffer("answer".getBytes()));
        s.shutdownOutput();
        assertThat(written(ch)).containsExactly(data(0, 1, "answer".getBytes()), windowUpdate(FIN, 1, 0));
        assertThat(s.isOpen()).isFalse();
        assertThat(session.streamCount()).isZero();
    }

    @Test
    void resetByPeerFiresEventClosesAndFailsPendingWrites() {
        start(YamuxRole.CLIENT, QUIET, false);
        RecordingHandler h = new RecordingHandler();
        YamuxStreamChannel s = open(h);
        ChannelFuture blocked = s.writeAndFlush(Unpooled.wrappedBuffer(bytes(W + 10, 5)));
        written(ch);
        deliver(ch, windowUpdate(RST, 1, 0));
        assertThat(h.events).contains(YamuxStreamResetEvent.INSTANCE);
        assertThat(s.isOpen()).isFalse();
        assertThat(blocked.isDone() && !blocked.isSuccess()).isTrue();
        assertThat(session.streamCount()).isZero();
        assertThat(written(ch)).as("no answer to a RST").isEmpty();
    }

    @Test
    void closeWithUnreadDataResets() {
        start(YamuxRole.SERVER, QUIET, false);
        deliver(ch, data(SYN, 1, "unread".getBytes()));
        YamuxStreamChannel s = session.acceptStream(new io.netty.channel.ChannelInitializer<YamuxStreamChannel>() {
            @Override
            protected void initChannel(YamuxStreamChannel c) {
                c.config().setAutoRead(false);
            }
        }).getNow();
        written(ch);
        s.close();
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 1, 0));
        assertThat(session.streamCount()).isZero();
    }

    @Test
    void cleanCloseSendsFinAndLateDataIsAnsweredWithRst() {
        YamuxStreamChannel s = openedClientStream(new RecordingHandler());
        s.close();
        assertThat(written(ch)).containsExactly(windowUpdate(FIN, 1, 0));
        assertThat(session.streamCount()).as("kept until the peer's FIN").isEqualTo(1);
        deliver(ch, data(ACK, 1, "late".getBytes()));
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 1, 0));
        assertThat(session.streamCount()).isZero();
    }

    @Test
    void closedStreamWithoutPeerFinIsResetAfterTheCloseTimeout() {
        start(YamuxRole.CLIENT, QUIET.withStreamCloseTimeout(Duration.ofSeconds(5)), false);
        YamuxStreamChannel s = open(new RecordingHandler());
        s.close();
        assertThat(written(ch)).containsExactly(windowUpdate(SYN, 1, 0), windowUpdate(FIN, 1, 0));
        advanceSeconds(4);
        assertThat(session.streamCount()).isEqualTo(1);
        advanceSeconds(2);
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 1, 0));
        assertThat(session.streamCount()).isZero();
    }

    @Test
    void forgottenStreamWhoseChildHasNotReadTheFinClosesWithTheSession() {
        RecordingHandler h = new RecordingHandler();
        YamuxStreamChannel s = bothFinsWithTheChildNotReading(h);
        // Both FINs went by: the session forgets the id, but the child has not read the FIN yet.
        assertThat(session.streamCount()).isZero();
        assertThat(s.isOpen()).isTrue();
        assertThat(h.events).doesNotContain(ChannelInputShutdownEvent.INSTANCE);
        ch.close();
        assertThat(s.isOpen()).as("closed with the session").isFalse();
    }

    @Test
    void forgottenStreamClosesOnceItsChildReadsTheFin() {
        RecordingHandler h = new RecordingHandler();
        YamuxStreamChannel s = bothFinsWithTheChildNotReading(h);
        assertThat(s.isOpen()).isTrue();
        s.config().setAutoRead(true);
        assertThat(h.events).contains(ChannelInputShutdownEvent.INSTANCE);
        assertThat(s.isOpen()).isFalse();
    }

    @Test
    void cleanCloseThenPeerFinForgetsTheStream() {
        start(YamuxRole.CLIENT, QUIET, false);
        YamuxStreamChannel s = open(new RecordingHandler());
        s.close();
        deliver(ch, windowUpdate(ACK | FIN, 1, 0));
        assertThat(session.streamCount()).isZero();
        assertThat(written(ch)).containsExactly(windowUpdate(SYN, 1, 0), windowUpdate(FIN, 1, 0));
    }

    @Test
    void pingIsAnsweredWithTheSameValue() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, ping(SYN, 0xDEADBEEFL));
        assertThat(written(ch)).containsExactly(ping(ACK, 0xDEADBEEFL));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void pingMeasuresRoundTrip() {
        start(YamuxRole.CLIENT, QUIET, false);
        Future<Duration> rtt = session.ping();
        List<Frame> frames = written(ch);
        assertThat(frames).hasSize(1);
        Frame p = frames.get(0);
        assertThat(p.type()).isEqualTo(2);
        assertThat(p.flags()).isEqualTo(SYN);
        assertThat(rtt.isDone()).isFalse();
        deliver(ch, ping(ACK, p.length()));
        assertThat(rtt.isSuccess()).isTrue();
        assertThat(rtt.getNow()).isPositive();
        assertThat(session.smoothedRtt()).isEqualTo(rtt.getNow());
    }

    @Test
    void keepaliveWithoutAnswerClosesTheSession() {
        start(YamuxRole.CLIENT, YamuxConfig.defaults().withKeepalive(Duration.ofSeconds(30), Duration.ofSeconds(10))
                .withWindow(false, W), false);
        advanceSeconds(30);
        List<Frame> frames = written(ch);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).type()).isEqualTo(2);
        advanceSeconds(9);
        assertThat(ch.isOpen()).isTrue();
        advanceSeconds(2);
        assertThat(ch.isOpen()).isFalse();
        assertThat(session.terminationCause()).hasMessageContaining("no answer to ping");
    }

    @Test
    void keepaliveAnsweredKeepsTheSession() {
        start(YamuxRole.CLIENT, YamuxConfig.defaults().withKeepalive(Duration.ofSeconds(30), Duration.ofSeconds(10))
                .withWindow(false, W), false);
        for (int i = 0; i < 3; i++) {
            advanceSeconds(30);
            Frame p = written(ch).get(0);
            deliver(ch, ping(ACK, p.length()));
        }
        advanceSeconds(15);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void normalGoAwayStopsNewStreamsButExistingOnesFlow() {
        RecordingHandler h = new RecordingHandler();
        YamuxStreamChannel s = openedClientStream(h);
        deliver(ch, goAway(0));
        assertThat(session.isGoAwayReceived()).isTrue();
        assertThat(session.openStream(new RecordingHandler()).cause()).hasMessageContaining("GoAway");
        s.writeAndFlush(Unpooled.wrappedBuffer("still".getBytes()));
        deliver(ch, data(ACK, 1, "flowing".getBytes()));
        assertThat(written(ch)).containsExactly(data(0, 1, "still".getBytes()));
        assertThat(h.received.toString()).isEqualTo("flowing");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void afterOurGoAwayInboundSynGetsRst() {
        start(YamuxRole.SERVER, QUIET, true);
        session.goAway();
        assertThat(written(ch)).containsExactly(goAway(0));
        deliver(ch, windowUpdate(SYN, 1, 0));
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 1, 0));
        assertThat(session.streamCount()).isZero();
    }

    @Test
    void orderlyCloseSendsGoAwayNormalAndCloses() {
        YamuxStreamChannel s = openedClientStream(new RecordingHandler());
        session.close();
        assertThat(written(ch)).containsExactly(goAway(0));
        assertThat(ch.isOpen()).isFalse();
        assertThat(s.isOpen()).isFalse();
    }

    @Test
    void peerGoAwayWithErrorEndsTheSession() {
        start(YamuxRole.CLIENT, QUIET, false);
        YamuxStreamChannel s = open(new RecordingHandler());
        deliver(ch, goAway(2));
        assertThat(ch.isOpen()).isFalse();
        assertThat(s.isOpen()).isFalse();
        assertThat(session.terminationCause()).hasMessageContaining("INTERNAL_ERROR");
    }

    @Test
    void backlogFullRefusesWithRstAndAcceptTakesInOrder() {
        start(YamuxRole.SERVER, QUIET.withAcceptBacklog(2), false);
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(SYN, 3, 0), windowUpdate(SYN, 5, 0));
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 5, 0));
        RecordingHandler h = new RecordingHandler();
        assertThat(session.acceptStream(h).getNow().streamId()).isEqualTo(1);
        assertThat(session.acceptStream(h).getNow().streamId()).isEqualTo(3);
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 1, 0), windowUpdate(ACK, 3, 0));
        Future<YamuxStreamChannel> waiting = session.acceptStream(h);
        assertThat(waiting.isDone()).isFalse();
        deliver(ch, data(SYN, 7, "x".getBytes()));
        assertThat(waiting.getNow().streamId()).isEqualTo(7);
        assertThat(h.received.toString()).isEqualTo("x");
    }

    @Test
    void maxConcurrentStreamsRefusesWithRst() {
        start(YamuxRole.SERVER, QUIET.withMaxConcurrentStreams(2), true);
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(SYN, 3, 0), windowUpdate(SYN, 5, 0));
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 1, 0), windowUpdate(ACK, 3, 0),
                windowUpdate(RST, 5, 0));
        assertThat(session.openStream(new RecordingHandler()).cause()).hasMessageContaining("max-concurrent-streams");
    }

    @Test
    void framesForUnknownStreamsAreDropped() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, data(0, 9, "nobody".getBytes()), windowUpdate(0, 11, 100), windowUpdate(FIN, 13, 0),
                windowUpdate(RST, 15, 0));
        assertThat(written(ch)).isEmpty();
        assertThat(ch.isOpen()).isTrue();
        deliver(ch, data(SYN, 1, "ok".getBytes()));
        assertThat(inbound.received.toString()).isEqualTo("ok");
    }

    // ---- malformed input: each ends the session with GoAway(protocol error) ----

    @Test
    void badVersionIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET, true);
        ch.writeInbound(WireFrames.encode(1, 0, SYN, 1, 0, new byte[0]));
        assertProtocolError("version 1");
    }

    @Test
    void unknownTypeIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET, true);
        ch.writeInbound(WireFrames.encode(0, 4, 0, 1, 0, new byte[0]));
        assertProtocolError("unknown frame type 4");
    }

    @Test
    void synForALiveStreamIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(SYN, 1, 0));
        assertProtocolError("already open");
        assertThat(inbound.channel().isOpen()).isFalse();
    }

    @Test
    void synWithOurParityIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, windowUpdate(SYN, 2, 0));
        assertProtocolError("must open odd ids");
    }

    @Test
    void secondFinIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, windowUpdate(SYN | FIN, 1, 0), windowUpdate(FIN, 1, 0));
        assertProtocolError("second FIN");
    }

    @Test
    void dataAfterFinIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, windowUpdate(SYN | FIN, 1, 0), data(0, 1, "x".getBytes()));
        assertProtocolError("after its FIN");
    }

    @Test
    void ackOnAStreamThePeerOpenedIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(ACK, 1, 0));
        assertProtocolError("ACK on stream 1");
    }

    @Test
    void windowUpdateOverflowIsAProtocolError() {
        start(YamuxRole.CLIENT, QUIET, false);
        open(new RecordingHandler());
        deliver(ch, windowUpdate(ACK, 1, 0xFFFF_FFFFL));
        assertProtocolError("overflows the send window");
    }

    @Test
    void pingOnAStreamIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, WireFrames.frame(2, SYN, 1, 7));
        assertProtocolError("must be 0");
    }

    @Test
    void pingFloodIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET.withFloodLimits(10, 100, 100), true);
        ch.freezeTime(); // the bucket must not refill while a loaded machine delivers the frames
        for (int i = 0; i < 11; i++) {
            deliver(ch, ping(SYN, i));
        }
        assertProtocolError("flood of Ping");
    }

    @Test
    void rapidResetFloodIsAProtocolError() {
        start(YamuxRole.SERVER, QUIET.withFloodLimits(100, 10, 1000), true);
        ch.freezeTime(); // the bucket must not refill while a loaded machine delivers the frames
        for (int i = 0; i < 11; i++) {
            deliver(ch, windowUpdate(SYN, 2 * i + 1, 0), windowUpdate(RST, 2 * i + 1, 0));
        }
        assertProtocolError("flood of RST");
    }

    @Test
    void oversizedDataFrameIsRejectedBeforeItsPayloadArrives() {
        start(YamuxRole.SERVER, QUIET, true);
        ch.writeInbound(WireFrames.encode(0, 0, SYN, 1, YamuxConfig.defaults().maxStreamWindow() + 1L, new byte[0]));
        assertProtocolError("above the largest window");
    }

    @Test
    void protocolErrorClosesEveryStream() {
        start(YamuxRole.SERVER, QUIET, true);
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(SYN, 3, 0));
        List<YamuxStreamChannel> open = List.copyOf(inbound.channels);
        ch.writeInbound(WireFrames.encode(7, 0, 0, 1, 0, new byte[0]));
        assertThat(open).allSatisfy(s -> assertThat(s.isOpen()).isFalse());
        assertThat(session.streamCount()).isZero();
    }
}
