package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.mux.YamuxSession;
import io.jfrp.mux.YamuxStreamChannel;
import io.jfrp.server.FrpServer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.collection.IntObjectMap;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Looks inside a running {@link FrpServer} / {@link FrpClient} for measurements the public API does
 * not offer (yamux stream windows, queued bytes) and reads Netty's allocator metrics. Reflection on
 * private fields: these are tests of this code base, and the fields are named here only.
 */
final class Internals {
    private Internals() {
    }

    /** One yamux stream's flow-control state, read on its event loop. */
    record StreamState(int id, long sendWindow, int receiveWindow, int queuedInbound, long pendingOutbound) {
    }

    /** The client's current yamux session (tcpMux), or null. */
    static YamuxSession clientSession(FrpClient client) {
        Object connection = field(client, "current");
        return connection == null ? null : (YamuxSession) field(connection, "session");
    }

    /** The server's yamux sessions, one per logged-in tcpMux client. */
    static List<YamuxSession> serverSessions(FrpServer server) {
        Object context = field(server, "context");
        Object registry = field(context, "controls");
        Map<?, ?> byRunId = (Map<?, ?>) field(registry, "byRunId");
        List<YamuxSession> sessions = new ArrayList<>();
        for (Object control : byRunId.values()) {
            Channel channel = (Channel) field(control, "channel");
            if (channel.parent() != null) {
                YamuxSession s = YamuxSession.of(channel.parent());
                if (s != null) {
                    sessions.add(s);
                }
            }
        }
        return sessions;
    }

    /** Every stream of {@code session} with its windows and queues. */
    static List<StreamState> streams(YamuxSession session) throws Exception {
        return session.channel().eventLoop().submit(() -> {
            IntObjectMap<?> map = (IntObjectMap<?>) field(session, "streams");
            List<StreamState> out = new ArrayList<>();
            for (Object o : (Collection<?>) map.values()) {
                YamuxStreamChannel s = (YamuxStreamChannel) o;
                ChannelOutboundBuffer ob = s.unsafe().outboundBuffer();
                out.add(new StreamState(s.streamId(), s.sendWindow(), s.receiveWindow(), s.queuedInboundBytes(),
                        ob == null ? 0 : ob.totalPendingWriteBytes()));
            }
            return out;
        }).get(5, TimeUnit.SECONDS);
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

    private static Object field(Object target, String name) {
        Class<?> c = target.getClass();
        while (c != null) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                c = c.getSuperclass();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no field " + name + " in " + target.getClass());
    }
}
