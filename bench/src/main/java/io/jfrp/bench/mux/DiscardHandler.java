package io.jfrp.bench.mux;

import io.jfrp.mux.YamuxStreamChannel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

import java.util.Locale;

/**
 * Reads and drops. On the peer's FIN it prints what it received, from the first byte to the FIN
 * ({@code RECV stream=.. bytes=.. seconds=.. MBps=..}, the receiver's end-to-end figure), then
 * half-closes, so that a driver waiting for our FIN knows every byte it sent has arrived here.
 */
final class DiscardHandler extends ChannelInboundHandlerAdapter {
    private final boolean quiet;
    private long bytes;
    private long firstByteNanos;
    private boolean finished;

    DiscardHandler(boolean quiet) {
        this.quiet = quiet;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            if (firstByteNanos == 0) {
                firstByteNanos = System.nanoTime();
            }
            bytes += ((ByteBuf) msg).readableBytes();
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent && !finished) {
            finished = true;
            if (!quiet) {
                double seconds = firstByteNanos == 0 ? 0 : (System.nanoTime() - firstByteNanos) / 1e9;
                String window = ctx.channel() instanceof YamuxStreamChannel
                        ? " recvWindow=" + ((YamuxStreamChannel) ctx.channel()).receiveWindow() : "";
                PeerLog.out(String.format(Locale.ROOT, "RECV stream=%s bytes=%d seconds=%.3f MBps=%.2f%s",
                        StreamIo.id(ctx.channel()), bytes, seconds, seconds > 0 ? bytes / seconds / 1e6 : 0.0, window));
            }
            StreamIo.shutdownOutputAfterWrites(ctx.channel());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        PeerLog.debug("discard stream %s failed: %s", StreamIo.id(ctx.channel()), cause);
        ctx.close();
    }
}
