package io.jfrp.client.plugin;

import io.jfrp.client.plugin.http.HttpBridgePlugin;
import io.jfrp.client.plugin.httpproxy.HttpProxyPlugin;
import io.jfrp.client.plugin.raw.Tls2RawPlugin;
import io.jfrp.client.plugin.raw.UnixDomainSocketPlugin;
import io.jfrp.client.plugin.socks5.Socks5Plugin;
import io.jfrp.client.plugin.staticfile.StaticFilePlugin;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.client.proxy.WorkConnServer;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;

import java.io.IOException;
import java.util.Map;

/**
 * frp's client plugins by {@code [proxies.plugin] type}: the one list of the plugins jfrpc runs. Each
 * makes a {@link WorkConnServer} that takes the place of dialing localIP:localPort.
 *
 * <p>{@code virtual_net} is not here: frp ships it as alpha, behind the feature gate VirtualNet (a
 * TUN device per client); jfrpc refuses it with an error naming it.
 */
public final class ClientPlugins {
    /** Makes one plugin's server; may read files (certificates), so it can fail. */
    @FunctionalInterface
    interface Factory {
        WorkConnServer create(PluginContext context) throws IOException;
    }

    private static final Map<String, Factory> FACTORIES = Map.of(
            "http_proxy", HttpProxyPlugin::new,
            "socks5", Socks5Plugin::new,
            "static_file", StaticFilePlugin::new,
            "unix_domain_socket", UnixDomainSocketPlugin::new,
            "tls2raw", Tls2RawPlugin::new,
            "http2http", c -> HttpBridgePlugin.create(HttpBridgePlugin.Kind.HTTP2HTTP, c),
            "http2https", c -> HttpBridgePlugin.create(HttpBridgePlugin.Kind.HTTP2HTTPS, c),
            "https2http", c -> HttpBridgePlugin.create(HttpBridgePlugin.Kind.HTTPS2HTTP, c),
            "https2https", c -> HttpBridgePlugin.create(HttpBridgePlugin.Kind.HTTPS2HTTPS, c));

    private ClientPlugins() {
    }

    /**
     * The server of {@code proxy}'s plugin.
     *
     * @throws IllegalArgumentException when the type is not one jfrpc runs, or the plugin cannot be
     *                                  made (a certificate or key that cannot be read), naming the proxy
     */
    public static WorkConnServer create(ProxyConfig proxy, LocalDialer dialer, HAProxyProtocolVersion header) {
        String type = proxy.base().plugin().type();
        if ("virtual_net".equals(type)) {
            throw new IllegalArgumentException("proxy [" + proxy.name() + "]: plugin virtual_net is alpha in frp "
                    + "(feature gate VirtualNet) and jfrp does not implement it");
        }
        Factory factory = FACTORIES.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("proxy [" + proxy.name() + "]: plugin type '" + type
                    + "' is not a client plugin jfrp runs");
        }
        try {
            return factory.create(new PluginContext(proxy.name(), proxy.base().plugin(), dialer, header));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("proxy [" + proxy.name() + "]: plugin " + type + ": " + e.getMessage(), e);
        }
    }
}
