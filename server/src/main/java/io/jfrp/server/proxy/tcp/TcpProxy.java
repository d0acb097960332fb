package io.jfrp.server.proxy.tcp;

import io.jfrp.config.model.proxy.TcpProxyConfig;
import io.jfrp.protocol.relay.Relay;
import io.jfrp.server.proxy.PortProxy;
import io.jfrp.server.proxy.Proxy;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.PublicPorts;
import io.jfrp.server.proxy.WorkConnBridge;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import java.util.function.IntFunction;

/**
 * A tcp proxy: a public listener on remotePort whose every connection is piped through one of the
 * client's work connections to its local service.
 *
 * <p>A public connection is accepted with reading off and held; the proxy's {@link WorkConnBridge}
 * takes a work connection (waiting up to userConnTimeout), sends StartWorkConn, switches it to the
 * proxy's wrapping (encryption, compression) and joins the two with a {@link Relay}.
 *
 * <p>Confined to the control's event loop, as every {@link Proxy}. With tcpMux its public
 * connections are registered on that loop too: the work streams live there (on the yamux session's
 * loop), so the relay between the two never hands a read to another thread. Without tcpMux they are
 * spread over all the worker loops, and each work connection moves onto its public connection's loop
 * when it is taken ({@link WorkConnBridge}): one thread per relay, and a client's relays on every core.
 */
final class TcpProxy extends PortProxy<Channel> {
    private final int remotePort;
    private final PublicPorts ports;
    private final IntFunction<String> owner;
    private Channel listener;

    TcpProxy(TcpProxyConfig config, ProxyContext context, PublicPorts ports) {
        super(context);
        this.remotePort = config.remotePort();
        this.ports = ports;
        this.owner = port -> context.runId();
    }

    @Override
    protected Future<Channel> bind() {
        // With tcpMux the public connections on the control's loop, where the work streams are (a QUIC
        // client's control runs on the QUIC socket's loop, which may be epoll: then any worker); without,
        // on any worker loop, where the work connection comes to them.
        EventExecutor shared = context.bridge().source().sharedLoop();
        EventLoopGroup connectionLoops = shared == null ? ports.loops().publicConnectionLoops()
                : ports.loops().workerLoopOr(shared);
        return ports.listen(owner, remotePort, new AcceptedConnection(c -> relay(context.bridge(), c)),
                context.executor(), connectionLoops);
    }

    @Override
    protected int bound(Channel taken) {
        listener = taken;
        return portOf(taken);
    }

    @Override
    public void close() {
        if (listener != null) {
            ports.close(owner, listener);
            listener = null;
        }
    }

    /** Holds {@code connection} (accepted with reading off) and relays it through {@code bridge}. */
    static void relay(WorkConnBridge bridge, Channel connection) {
        // The public peer may send (and even half-close) before a work connection is ready.
        Relay.holdUntilJoined(connection);
        bridge.relay((DuplexChannel) connection, null);
    }
}
