package io.jfrp.kcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Opens client KCP sessions, like kcp-go's {@code DialWithOptions} (own UDP socket, random conv)
 * and {@code NewConn3} (a given UDP socket and conv, as frp's xtcp uses with conv 1).
 *
 * <p>frpc with {@code transport.protocol = "kcp"}: {@code KcpClient.connect(group,
 * new InetSocketAddress(serverAddr, serverPort), KcpConfig.frpClient(), initializer)}, the
 * initializer adding TLS and yamux as on a TCP connection. The returned future completes as soon
 * as the UDP socket is connected: KCP has no handshake, so an unreachable server shows only as
 * silence (the TLS handshake or yamux timeout above notices).
 *
 * <p>Thread-safe.
 */
public final class KcpClient {
    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(KcpClient.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KcpClient() {
    }

    /** Dials with NIO and a random conv. */
    public static Future<KcpChannel> connect(EventLoopGroup group, InetSocketAddress remote, KcpConfig config,
                                             ChannelHandler handler) {
        return connect(group, NioDatagramChannel.class, remote, RANDOM.nextInt(), config, handler);
    }

    /**
     * Opens a UDP channel of {@code type} connected to {@code remote} (so the kernel drops packets
     * from anyone else) and runs a KCP session with {@code conv} on it; the session owns the UDP
     * channel and closes it when it closes.
     */
    public static Future<KcpChannel> connect(EventLoopGroup group, Class<? extends DatagramChannel> type,
                                             InetSocketAddress remote, int conv, KcpConfig config,
                                             ChannelHandler handler) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        var connected = new Bootstrap().group(group).channel(type)
                .option(ChannelOption.SO_RCVBUF, KcpServer.SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, KcpServer.SOCKET_BUFFER)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(remote);
        Promise<KcpChannel> promise = connected.channel().eventLoop().newPromise();
        connected.addListener(f -> {
            if (f.isSuccess()) {
                attach((DatagramChannel) connected.channel(), remote, conv, config, handler).addListener(a -> {
                    if (a.isSuccess()) {
                        promise.setSuccess((KcpChannel) a.getNow());
                    } else {
                        promise.setFailure(a.cause());
                    }
                });
            } else {
                connected.channel().close();
                promise.setFailure(f.cause());
            }
        });
        return promise;
    }

    /**
     * Runs a KCP session with {@code remote} over an existing, registered UDP channel (for xtcp:
     * the socket a hole was punched with). The session takes the channel over: packets from other
     * addresses are dropped, and closing the session closes the channel.
     */
    public static Future<KcpChannel> attach(DatagramChannel udp, InetSocketAddress remote, int conv,
                                            KcpConfig config, ChannelHandler handler) {
        Promise<KcpChannel> promise = udp.eventLoop().newPromise();
        udp.eventLoop().execute(() -> {
            try {
                KcpChannel child = new KcpChannel(udp, udp, remote, conv, config, udp::close);
                child.pipeline().addLast(handler);
                udp.pipeline().addLast(new SessionHandler(child));
                var registered = udp.eventLoop().register(child);
                if (!registered.isSuccess()) {
                    udp.close();
                    promise.setFailure(registered.cause());
                    return;
                }
                child.start();
                udp.closeFuture().addListener(f -> child.datagramClosed()); // the session ends with its socket
                promise.setSuccess(child);
            } catch (RuntimeException e) {
                udp.close();
                promise.setFailure(e);
            }
        });
        return promise;
    }

    /** Feeds the session the packets of its peer. */
    private static final class SessionHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final KcpChannel session;

        SessionHandler(KcpChannel session) {
            this.session = session;
        }

        /** Netty's base passes on what is not a packet and releases the packet after this. */
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            if (session.remoteAddress().equals(packet.sender()) && content.readableBytes() <= KcpConfig.MTU_LIMIT) {
                session.packetReceived(content);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // e.g. ICMP port unreachable on a connected socket: KCP keeps retransmitting.
            LOG.debug("KCP client {}: {}", session, cause.toString());
        }
    }
}
