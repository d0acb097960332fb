package io.jfrp.server.proxy;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import java.util.function.Supplier;

/**
 * A {@link WorkConnSource} for tests: the client "r1", on {@code executor}, whose work connections are
 * whatever {@code take} gives.
 */
public record FixedWorkConnSource(EventExecutor executor, Supplier<Future<Channel>> take) implements WorkConnSource {
    @Override
    public String runId() {
        return "r1";
    }

    @Override
    public Future<Channel> takeWorkConn() {
        return take.get();
    }
}
