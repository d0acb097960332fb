package io.jfrp.mux;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static io.jfrp.mux.WireFrames.data;
import static io.jfrp.mux.WireFrames.deliver;
import static io.jfrp.mux.WireFrames.windowUpdate;
import static io.jfrp.mux.WireFrames.written;
import static io.jfrp.mux.YamuxFlags.ACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stream's lean channel options behave as Netty's {@link DefaultChannelConfig}. */
class YamuxStreamChannelConfigTest extends EmbeddedSessionFixture {

    private YamuxStreamChannel openStream(RecordingHandler h) {
        YamuxStreamChannel s = session.openStream(h).getNow();
        assertThat(s).isNotNull();
        return s;
    }

    @Test
    void startsWithNettysDefaultsForEveryOption() {
        startSession(YamuxRole.CLIENT, YamuxSessionTest.QUIET, null);
        YamuxStreamChannel s = openStream(new RecordingHandler());
        Map<ChannelOption<?>, Object> netty = new DefaultChannelConfig(new EmbeddedChannel()).getOptions();
        Map<ChannelOption<?>, Object> stream = s.config().getOptions();

        assertThat(stream.keySet()).containsExactlyInAnyOrderElementsOf(netty.keySet());
        netty.remove(ChannelOption.RCVBUF_ALLOCATOR); // each its own; a stream never allocates reads
        netty.remove(ChannelOption.MAX_MESSAGES_PER_READ); // from the channel's metadata
        assertThat(stream).containsAllEntriesOf(netty);
        assertThat(s.config().getOption(ChannelOption.MAX_MESSAGES_PER_READ)).isEqualTo(16);
    }

    @Test
    void anOptionSetOnOneStreamIsThatStreamsOnly() {
        startSession(YamuxRole.CLIENT, YamuxSessionTest.QUIET, null);
        YamuxStreamChannel a = openStream(new RecordingHandler());
        YamuxStreamChannel b = openStream(new RecordingHandler());
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false, true);
        WriteBufferWaterMark marks = new WriteBufferWaterMark(10, 20);

        assertThat(a.config().setOption(ChannelOption.ALLOCATOR, alloc)).isTrue();
        assertThat(a.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, marks)).isTrue();
        a.config().setWriteBufferHighWaterMark(30);
        a.config().setConnectTimeoutMillis(5);
        a.config().setAutoClose(false);
        assertThat(a.config().setOption(ChannelOption.TCP_NODELAY, true)).as("not a stream's").isFalse();

        assertThat(a.alloc()).isSameAs(alloc);
        assertThat(a.config().getWriteBufferLowWaterMark()).isEqualTo(10);
        assertThat(a.config().getWriteBufferHighWaterMark()).isEqualTo(30);
        assertThat(a.config().getConnectTimeoutMillis()).isEqualTo(5);
        assertThat(a.config().isAutoClose()).isFalse();
        assertThat(a.config().isAutoRead()).as("the other flag untouched").isTrue();
        assertThat(new HashMap<>(b.config().getOptions())).as("b keeps the defaults")
                .isEqualTo(new HashMap<>(openStream(new RecordingHandler()).config().getOptions()));
        assertThat(b.alloc()).isNotSameAs(alloc);
    }

    @Test
    void refusesWhatNettyRefuses() {
        startSession(YamuxRole.CLIENT, YamuxSessionTest.QUIET, null);
        YamuxStreamChannel s = openStream(new RecordingHandler());
        s.config().setWriteBufferWaterMark(new WriteBufferWaterMark(100, 200));

        assertThatThrownBy(() -> s.config().setWriteBufferHighWaterMark(50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeBufferLowWaterMark (100)");
        assertThatThrownBy(() -> s.config().setWriteBufferLowWaterMark(300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeBufferHighWaterMark (200)");
        assertThatThrownBy(() -> s.config().setWriteSpinCount(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.config().setConnectTimeoutMillis(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.config().setAllocator(null)).isInstanceOf(NullPointerException.class);
        assertThat(s.config().getWriteBufferWaterMark()).hasToString(new WriteBufferWaterMark(100, 200).toString());
    }

    @Test
    void autoReadOffHoldsDataAndOnDeliversIt() {
        startSession(YamuxRole.CLIENT, YamuxSessionTest.QUIET, null);
        RecordingHandler h = new RecordingHandler();
        YamuxStreamChannel s = openStream(h);
        written(ch);
        deliver(ch, windowUpdate(ACK, 1, 0));
        s.config().setAutoRead(false);
        s.config().setAutoRead(false); // again: no change, nothing called

        deliver(ch, data(0, 1, "held".getBytes(StandardCharsets.US_ASCII)));
        assertThat(h.received.size()).isZero();
        assertThat(s.config().getOption(ChannelOption.AUTO_READ)).isEqualTo(false);

        assertThat(s.config().setOption(ChannelOption.AUTO_READ, true)).isTrue();
        assertThat(h.received.toString(StandardCharsets.US_ASCII)).isEqualTo("held");
    }
}
