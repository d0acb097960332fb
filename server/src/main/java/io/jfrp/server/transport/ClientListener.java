package io.jfrp.server.transport;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.mux.YamuxSessionListener;
import io.jfrp.server.monitor.JfrpMeters;
import io.jfrp.protocol.FrpPipelines;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * The listener frp clients connect to (bindAddr:bindPort), and the layers every connection gets
 * before its first frp message:
 * <ol>
 *   <li>{@link TransportSniffer}: TLS (0x16, or frp's 0x17 marker then TLS) or plain, by the first byte;</li>
 *   <li>with tcpMux a {@link YamuxSession} in the server role; each stream the client opens is one
 *       control or work connection;</li>
 *   <li>frp message framing ({@link FrpPipelines#addMessageCodec}) and the handler of the first
 *       message, from {@code firstMessage} (the control package's), on the connection (no tcpMux) or
 *       on each stream.</li>
 * </ol>
 * Knows nothing of what the messages mean.
 */
public final class ClientListener implements AutoCloseable {
    private final ServerConfig config;
    private final EventLoops loops;
    private final SslContext sslContext;
    private final Supplier<ChannelHandler> firstMessage;
    private final JfrpMeters meters;
    private final YamuxSessionListener sessionEvents;
    private Channel listener;

    /**
     * @param firstMessage a new handler for the first frp message of a connection or stream
     * @param meters       told of TLS handshakes, refusals before authentication, yamux streams and stalls
     */
    public ClientListener(ServerConfig config, EventLoops loops, SslContext sslContext,
                          Supplier<ChannelHandler> firstMessage, JfrpMeters meters) {
        this.config = config;
        this.loops = loops;
        this.sslContext = sslContext;
        this.firstMessage = firstMessage;
        this.meters = meters;
        this.sessionEvents = new YamuxSessionListener() {
            @Override
            public void streamOpened() {
                meters.muxStreamOpened();
            }

            @Override
            public void streamClosed() {
                meters.muxStreamClosed();
            }

            @Override
            public void windowStalled() {
                meters.muxWindowStalled();
            }
        };
    }

    /** Binds bindAddr:bindPort; serving when this returns. */
    public void start() throws InterruptedException {
        listener = loops.serverBootstrap()
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("transport",
                                new TransportSniffer(sslContext, config.tls().force(), ClientListener.this::afterTransport,
                                        meters));
                    }
                })
                .bind(new InetSocketAddress(config.bindAddr(), config.bindPort())).sync().channel();
    }

    /** Installs the session or the message handlers once the transport (TLS or plain) is settled. */
    private void afterTransport(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        if (config.tcpMux()) {
            p.addLast("yamux", new YamuxSession(YamuxRole.SERVER, config.mux(), new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel stream) {
                    FrpPipelines.addMessageCodec(stream.pipeline());
                    stream.pipeline().addLast("first-message", firstMessage.get());
                }
            }).listener(sessionEvents));
        } else {
            FrpPipelines.addMessageCodec(p);
            p.addLast("first-message", firstMessage.get());
        }
    }

    /** The address bindPort is bound to (its port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }
}
