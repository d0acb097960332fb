package io.jfrp.client.xtcp;

import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.config.model.proxy.ProxyBase;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.relay.PendingJoin;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both ends do with a tunnel stream: reading held until the relay is joined, then the side's
 * own useEncryption/useCompression keyed by the secretKey (frp's {@code libio.WithEncryption(conn,
 * []byte(secretKey))}) at the network end. On the proxy side the stream is then relayed to a fresh
 * connection to localIP:localPort.
 */
final class TunnelStreams {
    private static final Logger log = LoggerFactory.getLogger(TunnelStreams.class);

    private TunnelStreams() {
    }

    /** The wrapping key of {@code secretKey}, or null without encryption. */
    static CryptoKey key(StreamWrapping wrapping, String secretKey) {
        return wrapping.encryption() ? CryptoKey.fromSecret(secretKey) : null;
    }

    /** A visitor's stream: held and wrapped, for {@link Relay#join} with the user's connection. */
    static ChannelHandler visitorStream(StreamWrapping wrapping, CryptoKey key) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                Relay.holdUntilJoined(ch);
                FrpPipelines.addWrapping(ch.pipeline(), wrapping, key);
            }
        };
    }

    /**
     * A proxy side's inbound stream: held, wrapped, and relayed to the local service dialled on one
     * of {@code loops} (the client's loops, whose channel type the dialer makes).
     */
    static ChannelHandler proxyStream(String proxyName, ProxyBase base, StreamWrapping wrapping, CryptoKey key,
                                      LocalDialer dialer, EventLoopGroup loops) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                Relay.holdUntilJoined(stream);
                FrpPipelines.addWrapping(stream.pipeline(), wrapping, key);
                PendingJoin.whenOpened(dialer.dial(loops.next(), base.localIP(), base.localPort()), stream,
                        cause -> log.warn("[{}] xtcp: connect to local service [{}:{}] error: {}", proxyName,
                                base.localIP(), base.localPort(), cause.getMessage()),
                        local -> Relay.join(local, (DuplexChannel) stream));
            }
        };
    }
}
