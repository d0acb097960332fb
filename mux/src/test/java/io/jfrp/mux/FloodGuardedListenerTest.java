package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jfrp.mux.YamuxFlags.ACK;
import static io.jfrp.mux.YamuxFlags.FIN;
import static io.jfrp.mux.YamuxFlags.RST;
import static io.jfrp.mux.YamuxFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FloodGuardedListenerTest {
    final List<String> seen = new ArrayList<>();
    final SessionMetrics metrics = new SessionMetrics(ImmediateEventExecutor.INSTANCE, () -> SessionStats.EMPTY);
    final MockTicker ticker = Ticker.newMockTicker();

    final YamuxFrameListener recorder = new YamuxFrameListener() {
        @Override
        public boolean onDataHeader(int streamId, int flags, long length) {
            seen.add("header " + streamId);
            return true;
        }

        @Override
        public void onData(int streamId, int flags, ByteBuf data) {
            seen.add("data " + streamId);
            data.release();
        }

        @Override
        public void onWindowUpdate(int streamId, int flags, long delta) {
            seen.add("update " + streamId);
        }

        @Override
        public void onPing(int flags, long opaque) {
            seen.add("ping " + opaque);
        }

        @Override
        public void onGoAway(YamuxErrorCode code) {
            seen.add("goaway " + code);
        }
    };

    FloodGuardedListener guarded(int pings, int resets, int syns) {
        return new FloodGuardedListener(recorder,
                YamuxConfig.defaults().withFloodLimits(pings, resets, syns), metrics, ticker);
    }

    @Test
    void synsOnDataAndWindowUpdatesShareOneLimit() throws Exception {
        FloodGuardedListener l = guarded(100, 100, 2);
        l.onDataHeader(1, SYN, 0);
        l.onWindowUpdate(3, SYN, 0);
        assertThatThrownBy(() -> l.onWindowUpdate(5, SYN, 0)).isInstanceOf(YamuxException.class)
                .hasMessage("flood of SYN frames: more than 2 per second");
        assertThat(seen).containsExactly("header 1", "update 3");
        assertThat(metrics.synFloods).isEqualTo(1);
        assertThat(metrics.resetFloods + metrics.pingFloods).isZero();
    }

    @Test
    void resetsAreCountedOnFramesWithoutSyn() throws Exception {
        FloodGuardedListener l = guarded(100, 1, 100);
        l.onWindowUpdate(1, SYN | RST, 0); // a SYN: counted as a new stream
        l.onDataHeader(1, RST, 0);
        assertThatThrownBy(() -> l.onWindowUpdate(3, RST | FIN, 0)).hasMessageContaining("flood of RST");
        assertThat(metrics.resetFloods).isEqualTo(1);
    }

    @Test
    void onlyPingRequestsAreCountedAndTheBucketRefills() throws Exception {
        FloodGuardedListener l = guarded(2, 100, 100);
        l.onPing(SYN, 1);
        l.onPing(ACK, 2);
        l.onPing(ACK, 3);
        l.onPing(SYN, 4);
        ticker.advance(500, TimeUnit.MILLISECONDS); // one more token at 2 per second
        l.onPing(SYN, 5);
        assertThatThrownBy(() -> l.onPing(SYN, 6)).hasMessageContaining("flood of Ping");
        assertThat(seen).containsExactly("ping 1", "ping 2", "ping 3", "ping 4", "ping 5");
        assertThat(metrics.pingFloods).isEqualTo(1);
    }

    @Test
    void payloadsAndGoAwayPassUncounted() throws Exception {
        FloodGuardedListener l = guarded(1, 1, 1);
        for (int i = 0; i < 5; i++) {
            l.onData(1, 0, Unpooled.buffer(1).writeByte(i));
            l.onGoAway(YamuxErrorCode.NORMAL);
            l.onWindowUpdate(1, 0, 10);
        }
        assertThat(seen).hasSize(15);
        assertThat(metrics.synFloods + metrics.resetFloods + metrics.pingFloods).isZero();
    }
}
