package io.jfrp.mux;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.Test;

import static io.jfrp.mux.WireFrames.deliver;
import static io.jfrp.mux.WireFrames.windowUpdate;
import static io.jfrp.mux.WireFrames.written;
import static io.jfrp.mux.YamuxFlags.ACK;
import static io.jfrp.mux.YamuxFlags.FIN;
import static io.jfrp.mux.YamuxFlags.RST;
import static io.jfrp.mux.YamuxFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** Stream states, counts and limits, through a session on an EmbeddedChannel. */
class StreamTableTest extends EmbeddedSessionFixture {
    final RecordingHandler inbound = new RecordingHandler();

    void start(YamuxRole role, YamuxConfig config, ChannelHandler handler) {
        startSession(role, config, handler);
    }

    @Test
    void statesFollowTheFinsOfBothSides() {
        start(YamuxRole.CLIENT, YamuxSessionTest.QUIET, null);
        YamuxStreamChannel s = session.openStream(new RecordingHandler()).getNow();
        assertThat(s.state()).isEqualTo(YamuxStreamState.OPEN);
        s.shutdownOutput();
        assertThat(s.state()).isEqualTo(YamuxStreamState.HALF_CLOSED_LOCAL);
        deliver(ch, windowUpdate(ACK | FIN, 1, 0));
        assertThat(s.state()).isEqualTo(YamuxStreamState.CLOSED);
        assertThat(session.stats().openStreams()).isZero();

        YamuxStreamChannel t = session.openStream(new RecordingHandler()).getNow();
        deliver(ch, windowUpdate(ACK | FIN, 3, 0));
        assertThat(t.state()).isEqualTo(YamuxStreamState.HALF_CLOSED_REMOTE);
        deliver(ch, windowUpdate(RST, 3, 0));
        assertThat(t.state()).isEqualTo(YamuxStreamState.RESET);
        assertThat(t.isOpen()).isFalse();
    }

    @Test
    void lingeringStreamsCountAgainstMaxConcurrentStreams() {
        start(YamuxRole.CLIENT, YamuxSessionTest.QUIET.withMaxConcurrentStreams(2), null);
        session.openStream(new RecordingHandler()).getNow().close(); // FIN: lingers until the peer's FIN
        session.openStream(new RecordingHandler()).getNow();
        assertThat(session.stats().lingeringStreams()).isEqualTo(1);
        assertThat(session.openStream(new RecordingHandler()).cause()).hasMessageContaining("max-concurrent-streams 2");
        deliver(ch, windowUpdate(ACK | FIN, 1, 0));
        assertThat(session.openStream(new RecordingHandler()).isSuccess()).isTrue();
    }

    @Test
    void aDrainingInboundStreamCountsUntilItsChildCloses() {
        RecordingHandler h = new RecordingHandler();
        start(YamuxRole.SERVER, YamuxSessionTest.QUIET.withMaxInboundStreams(1), new ChannelInitializer<YamuxStreamChannel>() {
            @Override
            protected void initChannel(YamuxStreamChannel c) {
                c.config().setAutoRead(false);
                c.pipeline().addLast(h);
            }
        });
        deliver(ch, windowUpdate(SYN, 1, 0));
        YamuxStreamChannel s = h.channel();
        s.shutdownOutput();
        deliver(ch, windowUpdate(FIN, 1, 0));
        // Both FINs went by: the session forgot the id, but the child has not read the FIN yet.
        assertThat(session.stats().openStreams()).isZero();
        assertThat(session.stats().inboundStreams()).isEqualTo(1);
        deliver(ch, windowUpdate(SYN, 3, 0));
        assertThat(written(ch)).last().isEqualTo(windowUpdate(RST, 3, 0));
        s.read();
        assertThat(h.events).contains(ChannelInputShutdownEvent.INSTANCE);
        assertThat(s.isOpen()).isFalse();
        assertThat(session.stats().inboundStreams()).isZero();
        deliver(ch, windowUpdate(SYN, 5, 0));
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 5, 0));
    }

    @Test
    void everyStreamEndsWithTheSessionAndPendingAcceptsFail() {
        start(YamuxRole.SERVER, YamuxSessionTest.QUIET, null);
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(SYN, 3, 0));
        YamuxStreamChannel accepted = session.acceptStream(new RecordingHandler()).getNow();
        accepted.close();
        io.netty.util.concurrent.Future<YamuxStreamChannel> backlogged = session.acceptStream(new RecordingHandler());
        io.netty.util.concurrent.Future<YamuxStreamChannel> waiting = session.acceptStream(new RecordingHandler());
        YamuxStreamChannel second = backlogged.getNow();
        ch.close();
        assertThat(second.state()).isEqualTo(YamuxStreamState.RESET);
        assertThat(second.isOpen()).isFalse();
        assertThat(waiting.isDone() && !waiting.isSuccess()).isTrue();
        SessionStats stats = session.stats();
        assertThat(stats.trackedStreams()).isZero();
        assertThat(stats.inboundStreams()).isZero();
        assertThat(stats.closed()).isTrue();
    }
}
