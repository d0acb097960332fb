package io.jfrp.protocol.udp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * A {@link UdpPacketsToSocket} whose connection is read with a deadline, kept from expiring by the
 * peer's Ping every 30 s (frps' udp work connection, frpc's sudp visitor connection): when added, it
 * puts a {@link ReadTimeoutHandler} in front of itself. A connection on which nothing came for that
 * long goes to {@link #timedOut}, any other error to {@link #broken}; then it is closed.
 */
public abstract class UdpPacketsWithReadTimeout extends UdpPacketsToSocket {
    private final int readTimeoutSeconds;

    /**
     * @param socket             the UDP socket the datagrams leave from
     * @param lostDatagram       told of each datagram's write (to log the ones that failed)
     * @param drops              where the packets the socket could not take are counted
     * @param readTimeoutSeconds how long the connection may stay silent
     */
    protected UdpPacketsWithReadTimeout(Channel socket, ChannelFutureListener lostDatagram, DatagramDrops drops,
                                        int readTimeoutSeconds) {
        super(socket, lostDatagram, drops);
        this.readTimeoutSeconds = readTimeoutSeconds;
    }

    /** Nothing was read for {@code seconds}; the connection is closed next. */
    protected abstract void timedOut(int seconds);

    /** The connection failed otherwise (an I/O error); it is closed next. */
    protected abstract void broken(Throwable cause);

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline().addBefore(ctx.name(), "udp-read-timeout", new ReadTimeoutHandler(readTimeoutSeconds));
    }

    @Override
    protected final void failed(Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            timedOut(readTimeoutSeconds);
        } else {
            broken(cause);
        }
    }
}
