package io.jfrp.server.proxy;

import io.netty.util.concurrent.EventExecutor;

import java.util.Objects;

/**
 * What a proxy gets from the client that asked for it.
 *
 * @param runId    the client's run id, for ports it holds and log lines
 * @param user     the client's user (Login user): whose stcp/sudp visitors an empty allowUsers admits
 * @param executor the client's control loop: the proxy's {@link Proxy#start()} and {@link Proxy#close()}
 *                 run on it, and its futures complete there
 * @param bridge   the proxy's way to the client's work connections
 */
public record ProxyContext(String runId, String user, EventExecutor executor, WorkConnBridge bridge) {
    public ProxyContext {
        Objects.requireNonNull(runId, "runId");
        user = user == null ? "" : user;
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(bridge, "bridge");
    }

    /** A client without a user. */
    public ProxyContext(String runId, EventExecutor executor, WorkConnBridge bridge) {
        this(runId, "", executor, bridge);
    }
}
