package io.jfrp.e2e;

import io.jfrp.mux.YamuxStreamChannel;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the tests observe of a running tunnel through public API only: the work connections jfrps and
 * jfrpc report in use ({@code FrpServer.workConnections()}, {@code FrpClient.workConnections()}),
 * with tcpMux yamux streams whose flow-control state is read on their event loop; and Netty's
 * allocator metrics.
 */
final class TunnelObservations {
    private TunnelObservations() {
    }

    /** One yamux stream's flow-control state, read on its event loop. */
    record StreamState(int id, long sendWindow, int receiveWindow, int queuedInbound, long pendingOutbound) {
    }

    /** The flow-control state of every yamux stream among {@code connections}. */
    static List<StreamState> streams(List<Channel> connections) throws Exception {
        List<StreamState> out = new ArrayList<>();
        for (Channel ch : connections) {
            if (ch instanceof YamuxStreamChannel s) {
                out.add(s.eventLoop().submit(() -> {
                    ChannelOutboundBuffer ob = s.unsafe().outboundBuffer();
                    return new StreamState(s.streamId(), s.sendWindow(), s.receiveWindow(), s.queuedInboundBytes(),
                            ob == null ? 0 : ob.totalPendingWriteBytes());
                }).get(5, TimeUnit.SECONDS));
            }
        }
        return out;
    }

    /** Bytes held by the allocator every channel uses (Netty 4.2: the adaptive one) and the pooled one. */
    static long allocatorUsedBytes() {
        long used = used(ByteBufAllocator.DEFAULT);
        if (ByteBufAllocator.DEFAULT != PooledByteBufAllocator.DEFAULT) {
            used += used(PooledByteBufAllocator.DEFAULT);
        }
        return used;
    }

    static String allocatorDescription() {
        return ByteBufAllocator.DEFAULT.getClass().getSimpleName();
    }

    private static long used(ByteBufAllocator allocator) {
        if (allocator instanceof ByteBufAllocatorMetricProvider p) {
            ByteBufAllocatorMetric m = p.metric();
            return m.usedDirectMemory() + m.usedHeapMemory();
        }
        throw new IllegalStateException(allocator.getClass() + " has no metrics");
    }
}
