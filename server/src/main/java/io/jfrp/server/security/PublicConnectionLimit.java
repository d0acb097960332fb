package io.jfrp.server.security;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;

/**
 * The first handler of the connections of one shared public listener (vhostHTTPPort, vhostHTTPSPort,
 * tcpmuxHTTPConnectPort): one address may hold at most jfrp.security.maxPublicConnectionsPerAddress
 * of them at once, so one visitor cannot take every connection the server can hold; a connection past
 * it is closed at once and counted ({@link CloseReason#PUBLIC_PER_ADDRESS}). Leaves the pipeline once
 * it has admitted the connection.
 *
 * <p>Sharable: one instance per listener, its counts thread-safe.
 */
@ChannelHandler.Sharable
public final class PublicConnectionLimit extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(PublicConnectionLimit.class);
    public static final String NAME = "public-connection-limit";

    private final AddressCounts counts;
    private final SecurityCounters counters;

    PublicConnectionLimit(AddressCounts counts, SecurityCounters counters) {
        this.counts = counts;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ServerSecurity.addressOf(ctx.channel().remoteAddress());
        if (!counts.tryAcquire(address)) {
            log.debug("closing {}: {} connections from {} already", ctx.channel(), counts.count(address),
                    address.getHostAddress());
            counters.count(CloseReason.PUBLIC_PER_ADDRESS);
            ctx.close();
            return;
        }
        ctx.channel().closeFuture().addListener(f -> counts.release(address));
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }
}
