package io.jfrp.client.plugin.http;

import io.netty.handler.ssl.SslContext;

/**
 * Where an HTTP exchange is forwarded: a host and port, over TLS or not.
 *
 * @param host the host or address
 * @param port the port
 * @param tls  TLS towards it, or null for plain HTTP
 */
public record Upstream(String host, int port, SslContext tls) {
    @Override
    public String toString() {
        return (tls == null ? "http://" : "https://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
