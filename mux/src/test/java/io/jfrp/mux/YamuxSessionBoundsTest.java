package io.jfrp.mux;

import io.jfrp.mux.WireFrames.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jfrp.mux.WireFrames.bytes;
import static io.jfrp.mux.WireFrames.data;
import static io.jfrp.mux.WireFrames.deliver;
import static io.jfrp.mux.WireFrames.encodeAll;
import static io.jfrp.mux.WireFrames.goAway;
import static io.jfrp.mux.WireFrames.ping;
import static io.jfrp.mux.WireFrames.windowUpdate;
import static io.jfrp.mux.WireFrames.written;
import static io.jfrp.mux.YamuxFlags.ACK;
import static io.jfrp.mux.YamuxFlags.FIN;
import static io.jfrp.mux.YamuxFlags.RST;
import static io.jfrp.mux.YamuxFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile peer can make a session hold, against a raw peer writing frames: each bound of
 * issue 9 (inbound stream limit, no lingering of ended streams, capped lingering of half-closed
 * ones, windows bounding unread data, backlog and its budget, answers to a peer that does not read).
 */
class YamuxSessionBoundsTest extends EmbeddedSessionFixture {
    static final int W = YamuxConfig.INITIAL_WINDOW;
    /**
     * No keepalive, no window growth (the reader still admits frames up to the default largest
     * window), and the flood guards out of the way, so the bounds themselves are what is tested.
     */
    static final YamuxConfig NO_FLOOD_GUARD = YamuxConfig.defaults()
            .withKeepalive(Duration.ZERO, Duration.ofSeconds(10))
            .withWindow(false, YamuxConfig.DEFAULT_MAX_STREAM_WINDOW)
            .withFloodLimits(1_000_000, 1_000_000, 1_000_000);

    final RecordingHandler inbound = new RecordingHandler();

    void start(YamuxConfig config, ChannelHandler inboundHandler) {
        startSession(YamuxRole.SERVER, config, inboundHandler);
    }

    /**
     * For the floods of tens of thousands of frames: the session's own buffers (one 12-byte header
     * per answer) come from an allocator without leak tracking. Paranoid tracking records a stack
     * trace per buffer, which makes 100,000 answers take half a minute; every other test tracks them.
     */
    void untrackedAllocations() {
        ch.config().setAllocator(new UnpooledByteBufAllocator(false, true));
    }

    /** Closes every stream as soon as it is active: a server that gives up on a stream at once. */
    @ChannelHandler.Sharable
    static final class CloseAtOnce extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }

    /** Streams that read nothing (auto-read off), recorded in {@code into}. */
    static ChannelHandler notReading(RecordingHandler into) {
        return new ChannelInitializer<YamuxStreamChannel>() {
            @Override
            protected void initChannel(YamuxStreamChannel c) {
                c.config().setAutoRead(false);
                c.pipeline().addLast(into);
            }
        };
    }

    static long count(List<Frame> frames, int type, int flags) {
        return frames.stream().filter(f -> f.type() == type && f.flags() == flags).count();
    }

    static long usedHeapAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            System.gc();
            long used = mx.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 32 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /** What a session wrote back, counted frame by frame without keeping the frames. */
    static final class Answers {
        long acks;
        long rsts;
        long other;
        Frame last;

        /** Reads and releases everything {@code ch} wrote so far. */
        void drain(EmbeddedChannel ch) {
            ch.runPendingTasks();
            Object msg;
            ByteBuf all = Unpooled.buffer();
            try {
                while ((msg = ch.readOutbound()) != null) {
                    ByteBuf b = (ByteBuf) msg;
                    all.writeBytes(b);
                    b.release();
                }
                while (all.readableBytes() >= 12) {
                    all.skipBytes(1);
                    int type = all.readUnsignedByte();
                    int flags = all.readUnsignedShort();
                    int id = all.readInt();
                    long length = all.readUnsignedInt();
                    if (type == 0) {
                        all.skipBytes((int) length);
                    }
                    if (type == 1 && flags == ACK) {
                        acks++;
                    } else if (type == 1 && flags == RST) {
                        rsts++;
                    } else {
                        other++;
                    }
                    last = WireFrames.frame(type, flags, id, length);
                }
            } finally {
                all.release();
            }
        }
    }

    /**
     * {@code count} SYNs, each a Data frame with 4 bytes, in batches of 1000 (about one socket read),
     * the answers drained after each batch.
     */
    Answers synFlood(int firstId, int count) {
        Answers answers = new Answers();
        ByteBuf batch = Unpooled.buffer(1000 * 16);
        try {
            for (int done = 0; done < count && ch.isOpen(); ) {
                batch.clear();
                for (int i = 0; i < 1000 && done < count; i++, done++) {
                    batch.writeByte(0).writeByte(0).writeShort(SYN).writeInt(firstId + 2 * done).writeInt(4)
                            .writeInt(0x01020304);
                }
                ch.writeInbound(batch.retainedDuplicate());
                answers.drain(ch);
            }
        } finally {
            batch.release();
        }
        return answers;
    }

    // ---------------------------------------------------------------- the inbound limit

    @Test
    void synFloodAgainstALimitOfFourLeavesFourStreamsAndRetainsNoMemory() {
        start(NO_FLOOD_GUARD, inbound);
        untrackedAllocations();
        session.setMaxInboundStreams(4);
        synFlood(1, 1000); // warm the code paths before measuring
        deliver(ch, windowUpdate(RST, 1, 0), windowUpdate(RST, 3, 0), windowUpdate(RST, 5, 0), windowUpdate(RST, 7, 0));
        written(ch);
        assertThat(session.stats().openStreams()).isZero();
        long before = usedHeapAfterGc();

        Answers answers = synFlood(2001, 100_000);

        SessionStats stats = session.stats();
        assertThat(stats.openStreams()).isEqualTo(4);
        assertThat(stats.inboundStreams()).isEqualTo(4);
        assertThat(stats.lingeringStreams()).isZero();
        assertThat(stats.unreadBytes()).isZero(); // the four live children read their bytes
        assertThat(stats.refusedInboundLimit()).isEqualTo(996 + 99_996);
        assertThat(answers.acks).isEqualTo(4);
        assertThat(answers.rsts).isEqualTo(99_996);
        assertThat(answers.other).isZero();
        long retained = usedHeapAfterGc() - before;
        // Four streams and their handler state; 100,000 accepted streams would take ~100 MB.
        assertThat(retained).as("heap retained after the flood").isLessThan(4L * 1024 * 1024);

        // Legitimate streams still work: one of the four ends, and a new one takes its place.
        deliver(ch, windowUpdate(RST, 2001, 0));
        deliver(ch, data(SYN, 300_001, "legit".getBytes()));
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 300_001, 0));
        assertThat(inbound.channel().streamId()).isEqualTo(300_001);
        assertThat(inbound.received.toString()).endsWith("legit");
        YamuxStreamChannel ours = session.openStream(new RecordingHandler()).getNow();
        ours.writeAndFlush(Unpooled.wrappedBuffer("hello".getBytes()));
        assertThat(written(ch)).containsExactly(windowUpdate(SYN, 2, 0), data(0, 2, "hello".getBytes()));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void synFloodWithTheDefaultFloodGuardEndsTheSession() {
        start(YamuxSessionTest.QUIET, inbound);
        untrackedAllocations();
        ch.freezeTime();
        session.setMaxInboundStreams(4);
        Answers answers = synFlood(1, 100_000);
        assertThat(ch.isOpen()).isFalse();
        assertThat(answers.last).isEqualTo(goAway(1));
        assertThat(answers.rsts).isEqualTo(20_000 - 4);
        assertThat(session.terminationCause()).hasMessage("flood of SYN frames: more than 20000 per second");
        SessionStats stats = session.stats();
        assertThat(stats.synFloods()).isEqualTo(1);
        assertThat(stats.closed()).isTrue();
        assertThat(stats.openStreams()).isZero();
        // The one-second burst passed (refused beyond four); the next SYN ended the session. (The
        // guard reads the event loop's ticker, held still here.)
        assertThat(stats.refusedInboundLimit()).isEqualTo(20_000 - 4);
        assertThat(inbound.channels).hasSize(4).allSatisfy(c -> assertThat(c.isOpen()).isFalse());
    }

    @Test
    void inboundLimitCountsAStreamUntilItsChildCloses() {
        start(NO_FLOOD_GUARD.withMaxInboundStreams(2), inbound);
        assertThat(session.maxInboundStreams()).isEqualTo(2);
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(SYN, 3, 0), windowUpdate(SYN, 5, 0));
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 1, 0), windowUpdate(ACK, 3, 0),
                windowUpdate(RST, 5, 0));
        // Stream 1's child closes: FIN, and its id lingers (the peer has not closed) without counting.
        inbound.channels.get(0).close();
        assertThat(written(ch)).containsExactly(windowUpdate(FIN, 1, 0));
        assertThat(session.stats().lingeringStreams()).isEqualTo(1);
        assertThat(session.stats().inboundStreams()).isEqualTo(1);
        deliver(ch, windowUpdate(SYN, 7, 0));
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 7, 0));
        assertThat(session.stats().refusedInboundLimit()).isEqualTo(1);
    }

    @Test
    void loweringTheLimitClosesNothingAndRaisingItAdmitsAgain() {
        start(NO_FLOOD_GUARD, inbound);
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(SYN, 3, 0), windowUpdate(SYN, 5, 0));
        written(ch);
        session.setMaxInboundStreams(1);
        assertThat(inbound.channels).allSatisfy(c -> assertThat(c.isOpen()).isTrue());
        deliver(ch, windowUpdate(SYN, 7, 0));
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 7, 0));
        session.setMaxInboundStreams(4);
        deliver(ch, windowUpdate(SYN, 9, 0));
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 9, 0));
        session.setMaxInboundStreams(0);
        deliver(ch, windowUpdate(SYN, 11, 0));
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 11, 0));
        assertThat(session.stats().maxInboundStreams()).isZero();
        assertThat(session.stats().refusedStreams()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- ended streams do not linger

    @Test
    void streamsThePeerCompletedOrResetAreForgottenAtOnce() {
        start(NO_FLOOD_GUARD, new ChannelInitializer<YamuxStreamChannel>() {
            @Override
            protected void initChannel(YamuxStreamChannel c) {
                c.pipeline().addLast(new StreamEchoHandler(), inbound);
            }
        });
        // A whole request: SYN|FIN with data, echoed and closed here: both FINs, nothing kept.
        deliver(ch, data(SYN | FIN, 1, "ping".getBytes()));
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 1, 0), data(0, 1, "ping".getBytes()),
                windowUpdate(FIN, 1, 0));
        // The peer resets an open stream.
        deliver(ch, windowUpdate(SYN, 3, 0), windowUpdate(RST, 3, 0));
        // Closed here first, then the peer's FIN.
        deliver(ch, windowUpdate(SYN, 5, 0));
        inbound.channel().shutdownOutput();
        deliver(ch, windowUpdate(FIN, 5, 0));
        // The peer's FIN first, then closed here.
        deliver(ch, windowUpdate(SYN | FIN, 7, 0));
        written(ch);
        assertThat(inbound.channels).allSatisfy(c -> assertThat(c.isOpen()).isFalse());
        SessionStats stats = session.stats();
        assertThat(stats.trackedStreams()).isZero();
        assertThat(stats.inboundStreams()).isZero();
        assertThat(stats.lingeringTimedOut() + stats.lingeringEvicted()).isZero();
    }

    @Test
    void closeTimeoutAppliesOnlyToStreamsClosedHereAndNotByThePeer() {
        start(NO_FLOOD_GUARD.withStreamCloseTimeout(Duration.ofSeconds(5)), inbound);
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(SYN | FIN, 3, 0));
        YamuxStreamChannel closedHere = inbound.channels.get(0);
        YamuxStreamChannel halfClosedByPeer = inbound.channels.get(1);
        closedHere.close();
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 1, 0), windowUpdate(ACK, 3, 0),
                windowUpdate(FIN, 1, 0));
        ch.advanceTimeBy(6, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 1, 0));
        assertThat(session.stats().lingeringTimedOut()).isEqualTo(1);
        // A stream the peer half-closed is the application's to finish: no timer resets it.
        ch.advanceTimeBy(10, TimeUnit.MINUTES);
        ch.runScheduledPendingTasks();
        assertThat(written(ch)).isEmpty();
        assertThat(halfClosedByPeer.isOpen()).isTrue();
        assertThat(session.stats().trackedStreams()).isEqualTo(1);
    }

    @Test
    void lingeringStreamsAreCappedAndTheOldestIsResetFirst() {
        start(NO_FLOOD_GUARD.withMaxLingeringStreams(3), new CloseAtOnce());
        for (int id = 1; id <= 9; id += 2) {
            deliver(ch, windowUpdate(SYN, id, 0));
        }
        List<Frame> frames = written(ch);
        assertThat(frames).containsSubsequence(windowUpdate(FIN, 7, 0), windowUpdate(RST, 1, 0),
                windowUpdate(FIN, 9, 0), windowUpdate(RST, 3, 0));
        assertThat(count(frames, 1, RST)).isEqualTo(2);
        SessionStats stats = session.stats();
        assertThat(stats.lingeringStreams()).isEqualTo(3);
        assertThat(stats.lingeringEvicted()).isEqualTo(2);
        assertThat(stats.inboundStreams()).isZero();
        // The peer's FIN ends one quietly, its RST another; late Data on the third is answered with RST.
        deliver(ch, windowUpdate(FIN, 5, 0), windowUpdate(RST, 7, 0), data(0, 9, "late".getBytes()));
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 9, 0));
        assertThat(session.stats().trackedStreams()).isZero();
        // A new SYN still works; a SYN for an id that lingers is a protocol error.
        deliver(ch, windowUpdate(SYN, 11, 0));
        written(ch);
        deliver(ch, windowUpdate(SYN, 11, 0));
        assertThat(written(ch)).last().isEqualTo(goAway(1));
        assertThat(session.terminationCause()).hasMessageContaining("already open");
    }

    @Test
    void aResetStreamIsForgottenAtOnceWhereACloseWouldLinger() {
        start(NO_FLOOD_GUARD, inbound);
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(SYN, 3, 0));
        written(ch);
        inbound.channels.get(0).close();
        inbound.channels.get(1).reset();
        // The graceful close sends FIN and keeps the id; the reset sends RST and keeps nothing.
        assertThat(written(ch)).containsExactly(windowUpdate(FIN, 1, 0), windowUpdate(RST, 3, 0));
        SessionStats stats = session.stats();
        assertThat(stats.lingeringStreams()).isEqualTo(1);
        assertThat(stats.openStreams()).isZero();
        assertThat(stats.inboundStreams()).isZero();
        // Late Data for the reset stream is skipped like any frame for no live stream.
        deliver(ch, data(0, 3, "late".getBytes()));
        assertThat(written(ch)).isEmpty();
        assertThat(session.terminationCause()).isNull();
    }

    @Test
    void aLingeringStreamKeepsOnlyItsIdNotItsChannel() {
        int n = 10_000;
        start(NO_FLOOD_GUARD.withMaxLingeringStreams(n), new CloseAtOnce());
        untrackedAllocations();
        long before = usedHeapAfterGc();
        for (int done = 0; done < n; ) {
            List<Frame> batch = new ArrayList<>();
            for (int i = 0; i < 1000; i++, done++) {
                batch.add(windowUpdate(SYN, 1 + 2 * done, 0));
            }
            ch.writeInbound(encodeAll(batch));
            written(ch);
        }
        assertThat(session.stats().lingeringStreams()).isEqualTo(n);
        assertThat(session.stats().openStreams()).isZero();
        long perStream = (usedHeapAfterGc() - before) / n;
        // A channel with its pipeline is ~800 bytes; an id entry a few dozen.
        assertThat(perStream).as("heap per lingering stream").isLessThan(200);
    }

    // ---------------------------------------------------------------- receive memory

    @Test
    void unreadDataIsBoundedByTheWindowsGranted() {
        start(NO_FLOOD_GUARD.withMaxInboundStreams(4), notReading(inbound));
        for (int id = 1; id <= 7; id += 2) {
            deliver(ch, windowUpdate(SYN, id, 0));
            for (int i = 0; i < 16; i++) {
                deliver(ch, data(0, id, bytes(16384, i)));
            }
        }
        assertThat(session.stats().unreadBytes()).isEqualTo(4L * W);
        assertThat(inbound.channels).allSatisfy(c -> assertThat(c.queuedInboundBytes()).isEqualTo(W));
        deliver(ch, windowUpdate(SYN, 9, 0));
        assertThat(written(ch)).last().isEqualTo(windowUpdate(RST, 9, 0));
        deliver(ch, data(0, 5, new byte[1]));
        assertThat(written(ch)).last().isEqualTo(goAway(1));
        assertThat(session.terminationCause()).hasMessage(
                "Data of 1 bytes on stream 5 exceeds the window: 0 bytes granted");
        assertThat(session.stats().unreadBytes()).isZero(); // released with the streams
    }

    @Test
    void aDataFrameBeyondTheCreditIsRefusedBeforeItsPayloadArrives() {
        start(NO_FLOOD_GUARD, notReading(inbound));
        deliver(ch, windowUpdate(SYN, 1, 0));
        ByteBuf header = WireFrames.encode(0, 0, 0, 1, W + 1L, new byte[0]);
        ch.writeInbound(header);
        assertThat(written(ch)).last().isEqualTo(goAway(1));
        assertThat(session.terminationCause()).hasMessage(
                "Data of 262145 bytes on stream 1 exceeds the window: 262144 bytes granted");
    }

    @Test
    void payloadForNoLiveStreamIsSkippedAsItArrivesNotBuffered() {
        start(NO_FLOOD_GUARD, inbound);
        int length = 16 * 1024 * 1024; // the largest frame the reader admits
        ch.writeInbound(WireFrames.encode(0, 0, 0, 99, length, new byte[0]));
        for (int sent = 0; sent < length; sent += 64 * 1024) {
            ByteBuf chunk = Unpooled.wrappedBuffer(new byte[64 * 1024]);
            ch.writeInbound(chunk);
            assertThat(chunk.refCnt()).as("chunk at %d released, not kept as cumulation", sent).isZero();
        }
        assertThat(written(ch)).isEmpty();
        deliver(ch, data(SYN, 1, "after".getBytes()));
        assertThat(inbound.received.toString()).isEqualTo("after");
    }

    @Test
    void backlogStreamsWindowsCountAgainstTheSessionBudget() {
        start(NO_FLOOD_GUARD.withAcceptBacklog(10).withSessionWindowBudget(3L * W), null);
        for (int id = 1; id <= 7; id += 2) {
            deliver(ch, windowUpdate(SYN, id, 0));
        }
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 7, 0));
        SessionStats stats = session.stats();
        assertThat(stats.backlogStreams()).isEqualTo(3);
        assertThat(stats.refusedWindowBudget()).isEqualTo(1);
        assertThat(stats.windowBudgetUsed()).isEqualTo(3L * W);
        // Unread backlog streams may each hold one full window, and no more.
        for (int i = 0; i < 16; i++) {
            deliver(ch, data(0, 1, bytes(16384, i)));
        }
        assertThat(session.stats().unreadBytes()).isEqualTo(W);
        // Accepting one returns its reservation: another SYN fits.
        RecordingHandler h = new RecordingHandler();
        assertThat(session.acceptStream(h).getNow().streamId()).isEqualTo(1);
        assertThat(h.received.size()).isEqualTo(W);
        assertThat(session.stats().windowBudgetUsed()).isEqualTo(2L * W);
        deliver(ch, windowUpdate(SYN, 9, 0));
        assertThat(session.stats().backlogStreams()).isEqualTo(3);
        // The peer resets a backlog stream: it leaves the backlog, and its reservation returns.
        deliver(ch, windowUpdate(RST, 3, 0));
        assertThat(session.stats().backlogStreams()).isEqualTo(2);
        assertThat(session.stats().windowBudgetUsed()).isEqualTo(2L * W);
        assertThat(session.acceptStream(h).getNow().streamId()).isEqualTo(5);
    }

    // ---------------------------------------------------------------- a peer that does not read

    @Test
    void answersQueuedForAPeerThatDoesNotReadAreBounded() {
        start(NO_FLOOD_GUARD.withMaxQueuedControlFrames(50), inbound);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        for (int i = 0; i < 50; i++) {
            deliver(ch, ping(SYN, i));
        }
        assertThat(ch.isOpen()).isTrue();
        deliver(ch, ping(SYN, 50));
        assertThat(ch.isOpen()).isFalse();
        assertThat(session.terminationCause()).hasMessageContaining("more than 50 RST and Ping ACK frames queued");
        assertThat(session.stats().controlFrameFloods()).isEqualTo(1);
    }

    @Test
    void theAnswerCountRestartsWhenTheConnectionDrains() {
        start(NO_FLOOD_GUARD.withMaxQueuedControlFrames(50).withMaxInboundStreams(0), inbound);
        for (int round = 0; round < 5; round++) {
            ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
            for (int i = 0; i < 40; i++) {
                deliver(ch, windowUpdate(SYN, 1 + 2 * (round * 40 + i), 0));
            }
            ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
            ch.pipeline().fireChannelWritabilityChanged();
        }
        assertThat(ch.isOpen()).isTrue();
        assertThat(count(written(ch), 1, RST)).isEqualTo(200);
        assertThat(session.stats().refusedInboundLimit()).isEqualTo(200);
    }
}
