package io.jfrp.client.transport.dial;

import io.jfrp.config.model.ProxyUrl;
import io.netty.channel.Channel;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * transport.proxyURL: the handlers that make a TCP connection to the proxy a tunnel to the server,
 * Netty's {@link HttpProxyHandler} and {@link Socks5ProxyHandler}, as frp does it:
 * <ul>
 *   <li>{@code http://[user:password@]host:port}: {@code CONNECT server:port}, with
 *   {@code Proxy-Authorization: Basic} when a user is given; any answer but 200 fails;</li>
 *   <li>{@code https://...}: the same inside TLS to the proxy, whose certificate is verified against
 *   the JVM's trusted CAs and its host name (frp: Go's default TLS configuration);</li>
 *   <li>{@code socks5://[user:password@]host:port}: SOCKS5 CONNECT with the server's name as a domain
 *   name, user/password authentication when a user is given.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ProxyTunnel {
    private final ProxyUrl url;
    private final SslContext proxyTls;

    /**
     * @param url      the proxy
     * @param proxyTls the TLS context toward an https proxy, or null for the JVM's default trust
     */
    public ProxyTunnel(ProxyUrl url, SslContext proxyTls) throws SSLException {
        this.url = Objects.requireNonNull(url, "url");
        this.proxyTls = url.scheme() != ProxyUrl.Scheme.HTTPS ? null
                : proxyTls != null ? proxyTls : SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
    }

    /** The proxy. */
    public ProxyUrl url() {
        return url;
    }

    /** The handler that opens the tunnel through the proxy at {@code address} within {@code timeout}. */
    ProxyHandler newHandler(InetSocketAddress address, Duration timeout) {
        ProxyHandler handler = switch (url.scheme()) {
            case HTTP, HTTPS -> url.hasCredentials()
                    ? new HttpProxyHandler(address, url.user(), url.password())
                    : new HttpProxyHandler(address);
            case SOCKS5 -> url.hasCredentials()
                    ? new Socks5ProxyHandler(address, url.user(), url.password())
                    : new Socks5ProxyHandler(address);
        };
        handler.setConnectTimeoutMillis(timeout.toMillis());
        return handler;
    }

    /** Puts {@code handler} (and for https, TLS toward the proxy before it) into a new connection's pipeline. */
    void addTo(Channel ch, ProxyHandler handler) {
        if (proxyTls != null) {
            ch.pipeline().addLast("proxy-tls", proxyTls.newHandler(ch.alloc(), url.host(), url.port()));
        }
        ch.pipeline().addLast("proxy", handler);
    }

    @Override
    public String toString() {
        return "ProxyTunnel[" + url + "]";
    }
}
