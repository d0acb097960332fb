package io.jfrp.client.proxy.stream;

import io.jfrp.client.plugin.ClientPlugins;
import io.jfrp.client.proxy.ClientProxy;
import io.jfrp.client.proxy.ClientProxyFactory;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.client.proxy.LocalServiceDial;
import io.jfrp.client.proxy.ProxyProtocolHeader;
import io.jfrp.client.proxy.UserConn;
import io.jfrp.client.proxy.WorkConnServer;
import io.jfrp.config.model.proxy.ProxyBase;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyTransport;
import io.jfrp.protocol.limit.BandwidthLimit;
import io.jfrp.protocol.limit.BandwidthLimitHandler;
import io.jfrp.protocol.limit.TokenBucket;
import io.jfrp.protocol.msg.StartWorkConn;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;

/**
 * jfrpc's side of the stream proxies, tcp, http, https, tcpmux and stcp alike: the server has routed a
 * public connection (by port, Host, SNI or CONNECT target, or a visitor's) and the client serves it
 * with its {@link WorkConnServer}: the local service, localIP:localPort, dialed and relayed (the HTTP
 * of an http proxy is the server's business), or the proxy's plugin.
 *
 * <p>With a bandwidth limit in client mode (frp's default mode), every work connection of the proxy
 * draws from one {@link TokenBucket}, counted on the raw work connection under any encryption, as
 * frp's {@code wrapWorkConn} does.
 *
 * @param config the proxy
 * @param server what serves its work connections
 * @param bucket the proxy's bucket in client mode; null without a limit
 */
public record StreamProxy(ProxyConfig config, WorkConnServer server, TokenBucket bucket) implements ClientProxy {
    /** The factory, the same for every stream type. */
    public static final ClientProxyFactory FACTORY = StreamProxy::create;

    /**
     * The proxy's side as its settings say: its plugin, or its local service; its bandwidth limit when
     * the mode is client.
     *
     * @throws IllegalArgumentException when the plugin cannot be made (a certificate that cannot be
     *                                  read, a type jfrp does not run) or a transport value is wrong
     */
    public static StreamProxy create(ProxyConfig config, LocalDialer dialer) {
        ProxyBase base = config.base();
        ProxyTransport transport = base.transport();
        HAProxyProtocolVersion header = ProxyProtocolHeader.version(transport.proxyProtocolVersion());
        WorkConnServer server = base.plugin().isSet()
                ? ClientPlugins.create(config, dialer, header)
                : LocalServiceDial.tcp(config.name(), dialer, base.localIP(), base.localPort(), header);
        BandwidthLimit limit = BandwidthLimit.forSide(transport.bandwidthLimit(), transport.bandwidthLimitMode(),
                BandwidthLimit.MODE_CLIENT);
        return new StreamProxy(config, server, limit.isSet() ? new TokenBucket(limit.bytesPerSecond()) : null);
    }

    @Override
    public void serve(Channel work) {
        serve(work, new StartWorkConn(config.name(), "", "", 0, 0, ""));
    }

    @Override
    public void serve(Channel work, StartWorkConn start) {
        if (bucket != null) {
            BandwidthLimitHandler.addAtNetworkEnd(work.pipeline(), bucket);
        }
        server.serve((DuplexChannel) work, UserConn.of(start));
    }
}
