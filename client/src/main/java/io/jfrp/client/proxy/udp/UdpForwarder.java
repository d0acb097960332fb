package io.jfrp.client.proxy.udp;

import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.client.proxy.ProxyProtocolHeader;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.UdpAddr;
import io.jfrp.protocol.msg.UdpPacket;
import io.jfrp.protocol.udp.DatagramDrops;
import io.jfrp.protocol.udp.UdpPacketQueue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The client's end of a udp or sudp work connection (frp's {@code udp.Forwarder}): each UDPPacket
 * from the server carries a user's datagram and that user's address {@code r}; each distinct
 * {@code r} gets its own UDP socket connected to the local service, so the service sees one peer per
 * user and its answers go back as UDPPackets with the same {@code r}. A socket closes after
 * jfrp.udpIdleTimeout (frpc: 30 s) without a datagram either way. Datagrams are never merged or
 * split. A Ping goes to the server every {@value #PING_SECONDS} s so that its 60 s read deadline does
 * not expire on a quiet proxy.
 *
 * <h3>PROXY protocol</h3>
 * With {@code transport.proxyProtocolVersion}, the first datagram sent to the service from a new
 * user's socket carries a PROXY protocol header in front of its payload, in the same datagram (v2:
 * UDP4 or UDP6 with the user's address and localIP:localPort; v1, which cannot express UDP:
 * {@code PROXY UNKNOWN\r\n}), as frp's {@code udp.Forwarder}; later datagrams of that user go
 * bare, and a user whose socket expired gets a header again with its next datagram.
 *
 * <h3>Limits</h3>
 * At most {@value #MAX_SOURCES} users have a socket at once (each is a file descriptor, and the
 * users are whoever sends to a public port); a datagram from one more user is dropped until some
 * go idle. Datagrams for a socket still opening wait in a queue of {@value #MAX_QUEUED}; datagrams the
 * service cannot take now are dropped, as UDP may be. The service's answers wait for the work
 * connection in a queue of 1024 packets and its high-water mark ({@link UdpPacketQueue}), as frpc's
 * channel of 1024: beyond that the newest is dropped and counted, rather than arriving late.
 *
 * <h3>Threading</h3>
 * Everything runs on the work connection's event loop: the local sockets are opened on it too, so
 * the map of users needs no lock.
 */
final class UdpForwarder extends SimpleChannelInboundHandler<Message> {
    static final int PING_SECONDS = 30;
    static final int MAX_SOURCES = 16384;
    static final int MAX_QUEUED = 64;
    private static final Logger log = LoggerFactory.getLogger(UdpForwarder.class);

    private final String proxyName;
    private final LocalDialer dialer;
    private final InetSocketAddress service;
    private final long idleMillis;
    private final HAProxyProtocolVersion header;
    private final Map<UdpAddr, Source> sources = new HashMap<>();
    private Channel work;
    private ScheduledFuture<?> ping;
    private boolean unflushed;
    private long droppedForLimit;
    /** The service's answers on the work connection, not yet sent to the server. */
    private final UdpPacketQueue toServer;

    /**
     * @param service localIP:localPort
     * @param header  the PROXY protocol version of the first datagram of each user; null = none
     */
    UdpForwarder(String proxyName, LocalDialer dialer, InetSocketAddress service, HAProxyProtocolVersion header) {
        this.proxyName = proxyName;
        this.dialer = dialer;
        this.service = service;
        this.idleMillis = dialer.udpIdleTimeout().toMillis();
        this.header = header;
        this.toServer = new UdpPacketQueue(new DatagramDrops("[" + proxyName + "] datagrams to the server", () -> {
        }));
    }

    /** Users with a socket to the service now (event loop only; tests). */
    int sources() {
        return sources.size();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        work = ctx.channel();
        ping = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(Ping.EMPTY), PING_SECONDS, PING_SECONDS,
                TimeUnit.SECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
        if (msg instanceof UdpPacket packet) {
            toService(packet);
        } else if (!(msg instanceof Ping)) {
            log.debug("[{}] ignoring {} on the udp work connection", proxyName, msg.type());
        }
    }

    private void toService(UdpPacket packet) {
        UdpAddr user = packet.remoteAddr();
        if (user == null) {
            return;
        }
        Source source = sources.get(user);
        if (source == null) {
            if (sources.size() >= MAX_SOURCES) {
                if (droppedForLimit++ % 1000 == 0) {
                    log.warn("[{}] {} users have a socket to the service already: datagram from {} dropped",
                            proxyName, MAX_SOURCES, user);
                }
                return;
            }
            source = open(user);
        }
        source.send(packet);
    }

    private Source open(UdpAddr user) {
        Source source = new Source(user, header == null ? null : proxyHeader(user));
        sources.put(user, source);
        ChannelFuture dial = dialer.dialUdp(work.eventLoop(), service, new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel ch) {
                ch.pipeline().addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS), new Replies(source));
            }
        });
        source.channel = dial.channel();
        dial.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                source.opened();
            } else {
                log.debug("[{}] UDP socket to {} for {}: {}", proxyName, service, user, f.cause().toString());
                f.channel().close();
            }
        });
        dial.channel().closeFuture().addListener(f -> sources.remove(user, source));
        return source;
    }

    /** The PROXY header's bytes for {@code user}'s first datagram; null (none) if {@code r} is no IP literal. */
    private byte[] proxyHeader(UdpAddr user) {
        InetSocketAddress source;
        try {
            source = user.toSocketAddress();
        } catch (IllegalArgumentException e) {
            log.debug("[{}] no PROXY protocol header for {}: {}", proxyName, user, e.getMessage());
            return null;
        }
        ByteBuf buf = ProxyProtocolHeader.forDatagram(header, source, service, work.alloc());
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        for (Source s : sources.values()) {
            s.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        close();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        close();
    }

    private void close() {
        if (ping != null) {
            ping.cancel(false);
            ping = null;
        }
        for (Source s : List.copyOf(sources.values())) {
            s.channel.close();
        }
        sources.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("[{}] udp work connection failed: {}", proxyName, cause.toString());
        ctx.close();
    }

    /** Sends a datagram of the service to the server, unless the work connection is full. */
    private void toServer(UdpAddr user, DatagramPacket datagram) {
        if (toServer.offer(work, new UdpPacket(ByteBufUtil.getBytes(datagram.content()), null, user))) {
            unflushed = true;
        }
    }

    private void flushToServer() {
        if (unflushed) {
            unflushed = false;
            work.flush();
            toServer.flushed();
        }
    }

    private static final ChannelFutureListener LOST_DATAGRAM = f -> {
        if (!f.isSuccess()) {
            log.debug("datagram dropped: {}", f.cause().toString());
        }
    };

    /** One user's socket to the service, and the datagrams waiting for it to open. */
    private final class Source {
        private final UdpAddr user;
        private Channel channel;
        private List<UdpPacket> queued = new ArrayList<>();
        private boolean unflushed;
        /** The PROXY protocol header still to go in front of the first datagram; null once sent or if none. */
        private byte[] proxyHeader;

        Source(UdpAddr user, byte[] proxyHeader) {
            this.user = user;
            this.proxyHeader = proxyHeader;
        }

        void send(UdpPacket packet) {
            if (queued != null) {
                if (queued.size() < MAX_QUEUED) {
                    queued.add(packet);
                }
                return;
            }
            if (!channel.isActive()) {
                return;
            }
            if (!channel.isWritable()) {
                channel.flush();
                if (!channel.isWritable()) {
                    return;
                }
            }
            channel.write(withHeader(packet)).addListener(LOST_DATAGRAM);
            unflushed = true;
        }

        /** The datagram to send: the payload, after the PROXY header if this is the user's first. */
        private ByteBuf withHeader(UdpPacket packet) {
            if (proxyHeader == null) {
                return packet.payload();
            }
            byte[] first = new byte[proxyHeader.length + packet.contentLength()];
            System.arraycopy(proxyHeader, 0, first, 0, proxyHeader.length);
            System.arraycopy(packet.content(), 0, first, proxyHeader.length, packet.contentLength());
            proxyHeader = null;
            return Unpooled.wrappedBuffer(first);
        }

        void opened() {
            List<UdpPacket> waiting = queued;
            queued = null;
            for (UdpPacket p : waiting) {
                send(p);
            }
            flush();
        }

        void flush() {
            if (unflushed) {
                unflushed = false;
                channel.flush();
            }
        }
    }

    /** Reads one user's socket: the service's answers go back with that user's address. */
    private final class Replies extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Source source;

        Replies(Source source) {
            this.source = source;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
            toServer(source.user, datagram);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushToServer();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                log.debug("[{}] UDP socket for {} idle for {} ms: closed", proxyName, source.user, idleMillis);
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // An ICMP port unreachable (the service is down) ends this user's socket only.
            log.debug("[{}] UDP socket for {}: {}", proxyName, source.user, cause.toString());
            ctx.close();
        }
    }
}
