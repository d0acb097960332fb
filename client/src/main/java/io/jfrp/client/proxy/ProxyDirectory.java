package io.jfrp.client.proxy;

/**
 * The client's proxies as they are now, by the name the server uses ({@code user.name}): what a
 * work connection's StartWorkConn is served by. Proxies come and go (reload, health checks), so this
 * is asked per work connection. Thread-safe.
 */
@FunctionalInterface
public interface ProxyDirectory {
    /** The proxy registered on the server under {@code wireName}, or null (unknown, or not running). */
    ClientProxy proxy(String wireName);
}
