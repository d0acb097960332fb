package io.jfrp.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes of one user connection where they cross its work connection, in plain text (after
 * the proxy's decryption and decompression, before any protocol handler): what the client's service
 * sends is read here ({@code toUser}), what the user sends is written here ({@code fromUser}). When
 * the work connection closes it reports the connection closed and its bytes to the proxy's
 * {@link UserConnectionMeter}, as frp adds a connection's traffic when it ends.
 *
 * <p>Two long additions per message on the work connection's event loop; nothing is copied or
 * held. Event-loop confined.
 */
public final class TrafficCounter extends ChannelDuplexHandler implements ChannelFutureListener {
    /** The handler's name in the work connection's pipeline. */
    public static final String NAME = "traffic";

    private final UserConnectionMeter meter;
    private long fromUser;
    private long toUser;

    private TrafficCounter(UserConnectionMeter meter) {
        this.meter = meter;
    }

    /**
     * Puts a counter at the end of {@code work}'s pipeline (so handlers added after it see what it
     * counted) and reports the connection to {@code meter}: opened now, closed with its bytes when
     * {@code work} closes. On the work connection's event loop.
     */
    public static void install(Channel work, UserConnectionMeter meter) {
        assert work.eventLoop().inEventLoop();
        TrafficCounter counter = new TrafficCounter(meter);
        work.pipeline().addLast(NAME, counter);
        meter.opened();
        work.closeFuture().addListener(counter); // the counter is its own listener: no closure per connection
    }

    /** The work connection closed: its bytes go to the meter. */
    @Override
    public void operationComplete(ChannelFuture closed) {
        meter.closed();
        meter.traffic(fromUser, toUser);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        toUser += size(msg);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        fromUser += size(msg);
        ctx.write(msg, promise);
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        return msg instanceof ByteBufHolder h ? h.content().readableBytes() : 0;
    }
}
