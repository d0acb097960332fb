package io.jfrp.client.proxy;

import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.protocol.msg.StartWorkConn;
import io.netty.channel.Channel;

/**
 * jfrpc's side of one proxy: what it does with a work connection the server has started for it
 * (StartWorkConn received, the proxy's encryption and compression in place, reading held).
 */
public interface ClientProxy {
    /** The proxy's settings. */
    ProxyConfig config();

    /**
     * Serves one public connection carried by {@code work}: for the stream types, reaches the local
     * service (or its plugin) and relays. Called on the work connection's event loop; owns {@code work}
     * from here (closes it when the service cannot be reached).
     */
    void serve(Channel work);

    /**
     * {@link #serve(Channel)} knowing the server's StartWorkConn, whose addresses the PROXY protocol
     * header and some plugins need. The control calls this one; types that need no addresses keep
     * the one-argument form.
     */
    default void serve(Channel work, StartWorkConn start) {
        serve(work);
    }

    /**
     * Whether the work connection goes on carrying frp messages after StartWorkConn (udp and sudp:
     * UDPPacket and Ping, inside the proxy's wrapping) rather than relayed bytes. For these,
     * {@link #serve} is called with the framing still in place and reading on, before the wrapping
     * goes in: it adds its handler at the end of the pipeline and must not write before it returns.
     */
    default boolean carriesMessages() {
        return false;
    }
}
