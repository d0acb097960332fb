package io.jfrp.client.plugin.http;

import io.jfrp.client.plugin.HostPort;
import io.jfrp.client.plugin.KeepAliveRequestDecoder;
import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.plugin.PluginResponses;
import io.jfrp.client.plugin.PluginTls;
import io.jfrp.client.proxy.UserConn;
import io.jfrp.client.proxy.WorkConnServer;
import io.jfrp.config.model.proxy.ProxyPlugin;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The four HTTP bridges of frp (http2http, http2https, https2http, https2https): HTTP (or HTTPS,
 * ended here with crtPath/keyPath or a certificate made at start, HTTP/2 offered when enableHTTP2)
 * from the user, forwarded to {@code localAddr} over HTTP or HTTPS (its certificate unchecked, as
 * frp) by an {@link HttpForwarder} with the bridge's {@link ForwardingPolicy}. A local service that
 * cannot be reached gets the user a 502, as Go's ReverseProxy.
 */
public final class HttpBridgePlugin implements WorkConnServer {
    /** Which bridge: whether TLS ends here, whether it starts towards the service, and X-Forwarded-*. */
    public enum Kind {
        HTTP2HTTP(false, false, ForwardingPolicy.Forwarded.DROP),
        HTTP2HTTPS(false, true, ForwardingPolicy.Forwarded.KEEP),
        HTTPS2HTTP(true, false, ForwardingPolicy.Forwarded.APPEND),
        HTTPS2HTTPS(true, true, ForwardingPolicy.Forwarded.APPEND);

        final boolean fromTls;
        final boolean toTls;
        final ForwardingPolicy.Forwarded forwarded;

        Kind(boolean fromTls, boolean toTls, ForwardingPolicy.Forwarded forwarded) {
            this.fromTls = fromTls;
            this.toTls = toTls;
            this.forwarded = forwarded;
        }
    }

    /** The forwarders' settings: a service that cannot be reached is a 502, as ReverseProxy's. */
    private final HttpForwarder.Settings forwarding;
    /** TLS ended here (https2*), or null. */
    private final SslContext fromTls;

    private HttpBridgePlugin(HttpForwarder.Settings forwarding, SslContext fromTls) {
        this.forwarding = forwarding;
        this.fromTls = fromTls;
    }

    /** @throws IOException when the certificate or key cannot be read */
    public static HttpBridgePlugin create(Kind kind, PluginContext context) throws IOException {
        return create(kind, context, KeepAliveRequestDecoder.HEAD_TIMEOUT_MILLIS, HttpForwarder.UPSTREAM_IDLE_MILLIS);
    }

    /** With the forwarders' head deadline and idle upstream time given (tests shorten them). */
    static HttpBridgePlugin create(Kind kind, PluginContext context, long headTimeoutMillis, long upstreamIdleMillis)
            throws IOException {
        ProxyPlugin options = context.options();
        HostPort target = HostPort.parse(options.localAddr(), "localAddr");
        Upstream upstream = new Upstream(target.host(), target.port(), kind.toTls ? PluginTls.insecureClient() : null);
        SslContext fromTls = kind.fromTls ? PluginTls.server(options.crtPath(), options.keyPath(),
                PluginTls.httpAlpn(options.enableHTTP2())) : null;
        Route.Router router = ForwardingPolicy.bridge(upstream, kind.forwarded, kind.fromTls,
                options.hostHeaderRewrite(), options.requestHeaders());
        return new HttpBridgePlugin(new HttpForwarder.Settings(context.proxyName(), router, context.dialer(),
                cause -> PluginResponses.empty(HttpResponseStatus.BAD_GATEWAY), headTimeoutMillis, upstreamIdleMillis),
                fromTls);
    }

    @Override
    public void serve(DuplexChannel work, UserConn user) {
        String clientIp = user.hasSource() ? user.source().getAddress().getHostAddress()
                : work.remoteAddress() instanceof InetSocketAddress peer ? peer.getAddress().getHostAddress() : "";
        if (fromTls == null) {
            HttpForwarder.install(work.pipeline(), forwarding, new Route.ClientSide(clientIp, false, ""));
        } else {
            TlsFront.install(work, fromTls, forwarding, sni -> new Route.ClientSide(clientIp, true, sni));
        }
        Relay.releaseHold(work);
    }
}
