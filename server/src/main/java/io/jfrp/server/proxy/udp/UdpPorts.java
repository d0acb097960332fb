package io.jfrp.server.proxy.udp;

import io.jfrp.protocol.msg.UdpPacket;
import io.jfrp.server.proxy.PortPolicy;
import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.server.proxy.PublicPorts;
import io.jfrp.server.transport.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;

/**
 * The public UDP ports of udp proxies: reserved under the server's UDP {@link PortPolicy} (allowPorts,
 * maxPortsPerClient counted with the TCP ports, one owner per port), bound on proxyBindAddr, and given
 * back when closed. {@code remotePort = 0} picks a free allowed port at random, as frps does.
 *
 * <p>Each datagram is read into a buffer of udpPacketSize bytes: a longer one is cut to it, as frps
 * does. Thread-safe (the state is the policy's).
 *
 * @param policy     who may have which UDP port
 * @param loops      where the sockets run
 * @param bindAddr   proxyBindAddr
 * @param packetSize udpPacketSize
 * @param datagramDropped told of each datagram a udp proxy dropped because a queue was full (a meter)
 */
public record UdpPorts(PortPolicy policy, EventLoops loops, String bindAddr, int packetSize,
                       Runnable datagramDropped) {
    /** Datagrams read from the socket per read loop before other channels get their turn. */
    private static final int DATAGRAMS_PER_READ = 64;
    /**
     * The socket's receive buffer: room for a burst of about a thousand small datagrams from many
     * users while the loop is busy (the kernel's default, 208 KiB, holds some 200). The kernel caps
     * it at net.core.rmem_max.
     */
    static final int RECEIVE_BUFFER = 1 << 20;

    /**
     * Reserves {@code port} (0 = a free allowed one) for {@code owner} and binds a socket whose
     * datagrams go to {@code handler}, on {@code loop} when it is an event loop of the server (the
     * control's: with tcpMux the proxy's work connection, a stream of the same session, runs there
     * too, and without tcpMux the proxy moves its work connection to the socket's loop, so a
     * datagram crosses no thread), else on any worker loop. The future, completed on
     * {@code loop}, gives the socket, or fails with the error for NewProxyResp.
     */
    Future<Channel> bind(String owner, int port, ChannelHandler handler, EventExecutor loop) {
        Promise<Channel> bound = loop.newPromise();
        PublicPorts.reserveAndBind(policy, p -> owner, port, p -> bind(p, handler, loop), loop).addListener(f -> {
            if (f.isSuccess()) {
                bound.trySuccess((Channel) f.getNow());
            } else {
                // frps's udp proxy wraps its port manager's error: "acquire port 6000 error: port already used"
                bound.tryFailure(f.cause() instanceof ProxyRefusal r ? r.forUdpPort(port) : f.cause());
            }
        });
        return bound;
    }

    private ChannelFuture bind(int port, ChannelHandler handler, EventExecutor loop) {
        Bootstrap bootstrap = loop instanceof EventLoop eventLoop && contains(loops, eventLoop)
                ? loops.datagramBootstrap(eventLoop) : loops.datagramBootstrap();
        return bootstrap
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                // Written by the work connection: on the socket's loop once moved there (tcpMux off) or
                // as a stream of the session on the control's loop; should it be on another, its
                // flushes are only queued: room for its read batches (see UdpPacketsToSocket).
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, UdpPacket.QUEUE_WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(packetSize)
                        .maxMessagesPerRead(DATAGRAMS_PER_READ))
                .handler(handler)
                .bind(new InetSocketAddress(bindAddr, port));
    }

    private static boolean contains(EventLoops loops, EventLoop loop) {
        for (EventExecutor e : loops.workerGroup()) {
            if (e == loop) {
                return true;
            }
        }
        return false;
    }

    /** Closes a socket from {@link #bind} and gives its port back once it is closed. */
    void close(String owner, Channel socket) {
        InetSocketAddress address = (InetSocketAddress) socket.localAddress();
        if (address == null) {
            socket.close();
            return;
        }
        int port = address.getPort();
        socket.close().addListener(f -> policy.release(owner, port));
    }
}
