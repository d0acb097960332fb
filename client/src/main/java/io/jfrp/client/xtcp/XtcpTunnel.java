package io.jfrp.client.xtcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;

/**
 * A peer-to-peer tunnel over a punched UDP socket, as the visitor side uses it: each user connection
 * is one stream of raw bytes opened by the visitor (QUIC: a bidirectional stream; KCP: a yamux
 * stream).
 */
interface XtcpTunnel {
    /** The protocol's name as NatHoleResp carries it. */
    String protocol();

    /** Opens a stream with {@code handler} added before it is active. */
    Future<? extends DuplexChannel> openStream(ChannelHandler handler);

    /** Whether new streams may still be opened: by default, while {@link #channel()} is active. */
    default boolean isOpen() {
        return channel().isActive();
    }

    /** The channel whose close ends the tunnel (the QUIC connection, or the KCP session). */
    Channel channel();

    /** Closes the tunnel, its streams and its UDP socket: closes {@link #channel()}. */
    default void close() {
        channel().close();
    }
}
