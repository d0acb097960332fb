package io.jfrp.client.plugin.httpproxy;

import io.jfrp.client.plugin.BasicAuth;
import io.jfrp.client.plugin.KeepAliveRequestDecoder;
import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.plugin.PluginResponses;
import io.jfrp.client.plugin.PluginTls;
import io.jfrp.client.plugin.http.ForwardingPolicy;
import io.jfrp.client.plugin.http.HttpForwarder;
import io.jfrp.client.plugin.http.Route;
import io.jfrp.client.proxy.UserConn;
import io.jfrp.client.proxy.WorkConnServer;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;

/**
 * {@code http_proxy}: an HTTP proxy on the proxy's traffic, as frp's: {@code CONNECT host:port}
 * becomes a byte tunnel (answered with frp's raw {@code HTTP/1.1 200 OK}, or 400 when the target
 * cannot be reached), and absolute-form requests ({@code GET http://host/path}) are forwarded with
 * the proxy headers removed (an error reaching the target is a 500 with its text, as Go's
 * {@code http.Error}). With {@code httpUser}/{@code httpPassword}, every request needs them in
 * {@code Proxy-Authorization} (407 with {@code Proxy-Authenticate: Basic} otherwise). Between
 * requests an idle keep-alive connection is kept as frp's Go server keeps it, and the client's FIN
 * ends it ({@link HttpForwarder}); a CONNECT tunnel is a byte relay with no idle limit, as frp's.
 */
public final class HttpProxyPlugin implements WorkConnServer {
    /** The forwarders' settings: a target that cannot be reached is a 500 with the error, as http.Error. */
    private final HttpForwarder.Settings forwarding;

    public HttpProxyPlugin(PluginContext context) throws IOException {
        this(context, KeepAliveRequestDecoder.HEAD_TIMEOUT_MILLIS, HttpForwarder.UPSTREAM_IDLE_MILLIS);
    }

    /** With the forwarders' head deadline and idle upstream time given (tests shorten them). */
    HttpProxyPlugin(PluginContext context, long headTimeoutMillis, long upstreamIdleMillis) throws IOException {
        SslContext verifying = PluginTls.verifyingClient();
        Route.Router router = new ProxyRequests(new BasicAuth(context.options().httpUser(),
                context.options().httpPassword()), verifying);
        this.forwarding = new HttpForwarder.Settings(context.proxyName(), router, context.dialer(),
                cause -> PluginResponses.text(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        String.valueOf(cause.getMessage())), headTimeoutMillis, upstreamIdleMillis);
    }

    @Override
    public void serve(DuplexChannel work, UserConn user) {
        HttpForwarder.install(work.pipeline(), forwarding, new Route.ClientSide("", false, ""));
        Relay.releaseHold(work);
    }
}
