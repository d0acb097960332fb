package io.jfrp.server.proxy;

import io.netty.util.concurrent.Future;

/**
 * One proxy a client asked for (NewProxy) and the server runs for it: a tcp listener, a set of http
 * routes on the vhost port, and so on. The {@link ProxyFactory} registered for its type in the
 * server's {@link io.jfrp.config.model.proxy.ProxyTypeRegistry} makes it; the client's control
 * owns the instances, answers NewProxyResp from {@link #start()} and calls {@link #close()} when the
 * proxy or its client goes.
 *
 * <p>Both methods are called on the control's event loop ({@link ProxyContext#executor()}). The
 * proxy name is claimed and released by the control, not by the proxy.
 */
public interface Proxy {
    /** The proxy's name on the wire ({@code user.name} when the client has a user). */
    String name();

    /**
     * Starts serving: binds a port, registers routes. The future completes (on any thread) with the
     * {@code remote_addr} for NewProxyResp ({@code ":6000"}, {@code "web.example.com:8080"}), or fails
     * with an exception whose message is the error text for NewProxyResp.
     */
    Future<String> start();

    /** Stops serving and gives back what {@link #start()} took (ports, routes). Safe to call twice. */
    void close();
}
