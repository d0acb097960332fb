package io.jfrp.protocol.msg;

/**
 * Stops one proxy (frp's {@code msg.CloseProxy}, type {@code 'c'}); sent by the client when a proxy
 * is removed from its configuration.
 *
 * @param proxyName the proxy to close
 */
public record CloseProxy(String proxyName) implements Message {
}
