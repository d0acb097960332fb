package io.jfrp.bench.mux;

import io.jfrp.mux.YamuxStreamChannel;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;

/** What the peer handlers need from a "stream": a yamux stream or a plain TCP connection. */
final class StreamIo {
    private StreamIo() {
    }

    /** Half-closes after every byte written so far (yamux FIN, or TCP shutdown(SHUT_WR)). */
    static void shutdownOutputAfterWrites(Channel ch) {
        if (ch instanceof YamuxStreamChannel) {
            // The FIN marker goes into the stream's outbound buffer behind the pending data.
            ((YamuxStreamChannel) ch).flush();
            ((YamuxStreamChannel) ch).shutdownOutput();
            return;
        }
        // Netty's shutdownOutput fails writes still pending, so wait until they are out.
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess() && ch instanceof DuplexChannel) {
                ((DuplexChannel) ch).shutdownOutput();
            } else if (!f.isSuccess()) {
                ch.close();
            }
        });
    }

    static String id(Channel ch) {
        if (ch instanceof YamuxStreamChannel) {
            return Integer.toUnsignedString(((YamuxStreamChannel) ch).streamId());
        }
        return ch.id().asShortText();
    }

    static ChannelFuture close(Channel ch) {
        return ch.close();
    }
}
