package io.jfrp.server.proxy;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Whether a user connection of a proxy may be served (frp's NewUserConn server-plugin op, asked of
 * tcp, https and tcpmux proxies before they take a work connection). Thread-safe.
 */
@FunctionalInterface
public interface UserConnGate {
    /** Every connection is served. */
    UserConnGate OPEN = remote -> CompletableFuture.completedFuture(null);

    /**
     * Completes when the connection from {@code remote} may be served; fails (with the reason as its
     * message) when it must be closed. May complete on any thread.
     */
    CompletionStage<Void> admit(InetSocketAddress remote);
}
