package io.jfrp.client.proxy.stream;

import io.jfrp.client.proxy.ClientProxy;
import io.jfrp.client.proxy.ClientProxyFactory;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.config.model.proxy.ProxyBase;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jfrpc's side of the stream proxies, tcp, http, https, tcpmux and stcp alike: the server has routed a
 * public connection (by port, Host, SNI or CONNECT target, or a visitor's) and the client only has to reach the local
 * service, localIP:localPort, and relay bytes both ways. The HTTP of an http proxy is the server's
 * business (frps speaks it to the service through the tunnel).
 *
 * @param config the proxy
 * @param dialer how the local service is reached
 */
public record StreamProxy(ProxyConfig config, LocalDialer dialer) implements ClientProxy {
    /** The factory, the same for every stream type. */
    public static final ClientProxyFactory FACTORY = StreamProxy::new;
    private static final Logger log = LoggerFactory.getLogger(StreamProxy.class);

    @Override
    public void serve(Channel work) {
        ProxyBase base = config.base();
        ChannelFuture dial = dialer.dial(work.eventLoop(), base.localIP(), base.localPort());
        dial.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                log.warn("[{}] connect to local service [{}:{}] error: {}", config.name(), base.localIP(),
                        base.localPort(), f.cause().getMessage());
                work.close();
                return;
            }
            if (!work.isActive()) {
                f.channel().close();
                return;
            }
            log.debug("[{}] join connections: {} <-> {}", config.name(), work, f.channel());
            Relay.join((DuplexChannel) f.channel(), (DuplexChannel) work);
        });
    }
}
