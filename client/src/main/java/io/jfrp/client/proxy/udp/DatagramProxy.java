package io.jfrp.client.proxy.udp;

import io.jfrp.client.proxy.ClientProxy;
import io.jfrp.client.proxy.ClientProxyFactory;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.client.proxy.ProxyProtocolHeader;
import io.jfrp.config.model.proxy.ProxyBase;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.protocol.msg.UdpPacket;
import io.netty.channel.Channel;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

/**
 * jfrpc's side of udp and sudp proxies (frp's {@code client/proxy/udp.go} and {@code sudp.go}): each
 * work connection the server starts carries UDPPacket messages, which an {@link UdpForwarder} turns
 * into datagrams to localIP:localPort and back.
 * <ul>
 *   <li>udp: the server keeps one work connection for all the proxy's users; a new one replaces the
 *       old, whose sockets close (frpc drops its old state the same way).</li>
 *   <li>sudp: every visitor connection comes with a work connection of its own; they live side by
 *       side.</li>
 * </ul>
 * With {@code transport.proxyProtocolVersion}, each user's first datagram to the service carries a
 * PROXY protocol header ({@link UdpForwarder}).
 * Thread-safe: work connections of one proxy may arrive on different loops.
 */
public final class DatagramProxy implements ClientProxy {
    /** The factory of udp and sudp proxies. */
    public static final ClientProxyFactory FACTORY = DatagramProxy::new;
    private static final Logger log = LoggerFactory.getLogger(DatagramProxy.class);

    private final ProxyConfig config;
    private final LocalDialer dialer;
    /** The PROXY protocol version of each user's first datagram; null = none. */
    private final HAProxyProtocolVersion header;
    /** The udp proxy's one work connection; unused for sudp. */
    private final AtomicReference<Channel> current = new AtomicReference<>();

    private DatagramProxy(ProxyConfig config, LocalDialer dialer) {
        this.config = config;
        this.dialer = dialer;
        this.header = ProxyProtocolHeader.version(config.base().transport().proxyProtocolVersion());
    }

    @Override
    public ProxyConfig config() {
        return config;
    }

    @Override
    public boolean carriesMessages() {
        return true;
    }

    @Override
    public void serve(Channel work) {
        ProxyBase base = config.base();
        InetSocketAddress service = new InetSocketAddress(base.localIP(), base.localPort());
        if (service.isUnresolved()) {
            log.warn("[{}] local service {}:{} cannot be resolved", config.name(), base.localIP(), base.localPort());
            work.close();
            return;
        }
        log.info("[{}] incoming a new work connection for {} proxy", config.name(), config.type().frpName());
        work.config().setWriteBufferWaterMark(UdpPacket.QUEUE_WATER_MARK);
        work.pipeline().addLast("udp-forwarder", new UdpForwarder(config.name(), dialer, service, header));
        if (config.type() == ProxyType.UDP) {
            Channel old = current.getAndSet(work);
            if (old != null && old != work) {
                old.close();
            }
        }
    }
}
