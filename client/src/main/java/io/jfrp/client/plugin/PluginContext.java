package io.jfrp.client.plugin;

import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.config.model.proxy.ProxyPlugin;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;

/**
 * What a client plugin is made with.
 *
 * @param proxyName the proxy it serves, for log lines
 * @param options   the proxy's {@code plugin} table
 * @param dialer    how local services are reached (loops' socket type, dial timeout)
 * @param header    the proxy's PROXY protocol version, for the plugins that write one; null = none
 */
public record PluginContext(String proxyName, ProxyPlugin options, LocalDialer dialer, HAProxyProtocolVersion header) {
}
