package io.jfrp.client.transport.dial;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.util.List;

/**
 * A {@link StreamDialer} made of a {@link Connector} and the {@link TransportLayer}s stacked on it, one
 * after the other, each once the one below is ready:
 * <ul>
 *   <li>tcp, kcp: [0x17 byte] TLS (when transport.tls.enable);</li>
 *   <li>websocket: the WebSocket upgrade, then [0x17 byte] TLS inside it;</li>
 *   <li>wss: TLS, then the WebSocket upgrade inside it.</li>
 * </ul>
 * The frp handler goes in last and is then sent {@code channelActive} (the connection's own went by
 * while the layers were set up), so a handler that writes when active (NewWorkConn) works on every
 * transport alike.
 *
 * <p>Immutable and thread-safe.
 */
public final class LayeredDialer implements StreamDialer {
    private final EventLoopGroup group;
    private final Connector connector;
    private final List<TransportLayer> layers;

    /** @param group where connections run: each on one loop of it, picked in turn */
    LayeredDialer(EventLoopGroup group, Connector connector, List<TransportLayer> layers) {
        this.group = group;
        this.connector = connector;
        this.layers = List.copyOf(layers);
    }

    @Override
    public Future<Channel> dial(ChannelHandler handler) {
        EventLoop loop = group.next();
        Promise<Channel> ready = loop.newPromise();
        Future<Channel> connected = connector.connect(loop);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
                return;
            }
            // Netty completes a connect future before it fires channelActive: stack once that has gone
            // by, so that it does not reach the handlers added here a second time.
            Channel ch = (Channel) f.getNow();
            ch.eventLoop().execute(() -> stack(ch, 0, handler, ready));
        });
        return ready;
    }

    /** Installs layer {@code i} and, when it is ready, the next; then the frp handler. On the channel's loop. */
    private void stack(Channel ch, int i, ChannelHandler handler, Promise<Channel> ready) {
        if (i == layers.size()) {
            ChannelPipeline p = ch.pipeline();
            if (handler != null) {
                ChannelHandlerContext last = p.lastContext();
                p.addLast(handler);
                if (last == null) {
                    p.fireChannelActive();
                } else {
                    last.fireChannelActive(); // to the frp handler only: the layers saw theirs
                }
            }
            if (!ready.trySuccess(ch)) {
                ch.close(); // given up on (closed session) meanwhile
            }
            return;
        }
        layers.get(i).install(ch).addListener(f -> {
            if (f.isSuccess()) {
                stack(ch, i + 1, handler, ready);
            } else {
                ch.close();
                ready.tryFailure(f.cause());
            }
        });
    }
}
