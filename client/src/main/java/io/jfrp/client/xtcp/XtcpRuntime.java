package io.jfrp.client.xtcp;

import io.jfrp.client.visitor.ServerLink;
import io.jfrp.client.visitor.Visitor;
import io.jfrp.config.model.QuicOptions;
import io.jfrp.nathole.NatHoleIds;
import io.jfrp.nathole.discovery.LocalAddresses;
import io.jfrp.nathole.discovery.NatDiscovery;
import io.jfrp.nathole.discovery.NatHolePreparer;
import io.jfrp.nathole.discovery.PreparedHole;
import io.jfrp.nathole.punch.HolePuncher;
import io.jfrp.nathole.punch.PunchResult;
import io.jfrp.nathole.punch.UdpSockets;
import io.jfrp.protocol.msg.NatHoleResp;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What xtcp proxies and visitors of one jfrpc share: the session with the server (for the NatHole
 * exchange), natHoleStunServer, the UDP sockets of discovery and punching (their own event loop, made
 * on first use, epoll when available so that probes can carry a low TTL), the client's loops (where
 * local services and users' connections live), and the other visitors (for fallbackTo).
 *
 * <p>Thread-safe.
 */
public final class XtcpRuntime implements AutoCloseable {
    private final String stunServer;
    private final Supplier<? extends ServerLink> link;
    private final EventLoopGroup clientLoops;
    private final QuicOptions quic;
    private final NatHoleIds ids = new NatHoleIds();
    private volatile Function<String, Optional<Visitor>> visitors = name -> Optional.empty();
    private UdpSockets sockets;
    private boolean closed;

    /**
     * @param stunServer  natHoleStunServer ({@code host:port})
     * @param link        the current session with the server, or null while there is none
     * @param clientLoops the client's loops (local services are dialled there)
     */
    public XtcpRuntime(String stunServer, Supplier<? extends ServerLink> link, EventLoopGroup clientLoops) {
        this(stunServer, link, clientLoops, QuicOptions.DEFAULT);
    }

    /**
     * @param stunServer  natHoleStunServer ({@code host:port})
     * @param link        the current session with the server, or null while there is none
     * @param clientLoops the client's loops (local services are dialled there)
     * @param quic        the client's transport.quic: idle timeout and keepalive of the QUIC tunnels, as
     *                    frp's xtcp visitor and proxy take them
     */
    public XtcpRuntime(String stunServer, Supplier<? extends ServerLink> link, EventLoopGroup clientLoops,
                       QuicOptions quic) {
        this.stunServer = stunServer;
        this.link = link;
        this.clientLoops = clientLoops;
        this.quic = quic;
    }

    /** Lets visitors find each other by name (fallbackTo); set once the visitors exist. */
    public void visitors(Function<String, Optional<Visitor>> lookup) {
        this.visitors = lookup;
    }

    Optional<Visitor> visitor(String name) {
        return visitors.apply(name);
    }

    /** The current session, or null. */
    ServerLink link() {
        return link.get();
    }

    EventLoopGroup clientLoops() {
        return clientLoops;
    }

    /** The client's transport.quic, for the QUIC tunnels. */
    QuicOptions quic() {
        return quic;
    }

    String newTransactionId() {
        return ids.newTransactionId();
    }

    /** STUN discovery from a fresh socket (frp's {@code nathole.Prepare}). */
    Future<PreparedHole> prepare(boolean disableAssistedAddrs) {
        UdpSockets s;
        try {
            s = sockets();
        } catch (IOException e) {
            return ImmediateEventExecutor.INSTANCE.newFailedFuture(e);
        }
        InetSocketAddress server;
        try {
            server = NatDiscovery.parseServer(stunServer);
        } catch (IllegalArgumentException e) {
            return ImmediateEventExecutor.INSTANCE.newFailedFuture(e);
        }
        return new NatHolePreparer(new NatDiscovery(s), LocalAddresses.system()).prepare(server, disableAssistedAddrs);
    }

    /** Punches from the prepared socket as the server's response says (frp's {@code nathole.MakeHole}). */
    Future<PunchResult> punch(PreparedHole prepared, NatHoleResp resp, String secretKey) {
        UdpSockets s;
        try {
            s = sockets();
        } catch (IOException e) {
            prepared.channel().close();
            return ImmediateEventExecutor.INSTANCE.newFailedFuture(e);
        }
        return new HolePuncher(s).punch(prepared.channel(), resp, secretKey);
    }

    private synchronized UdpSockets sockets() throws IOException {
        if (closed) {
            throw new IOException("the client is closing");
        }
        if (sockets == null) {
            sockets = UdpSockets.create();
        }
        return sockets;
    }

    /** Closes the punching loop and every socket and tunnel on it. */
    @Override
    public synchronized void close() {
        closed = true;
        if (sockets != null) {
            sockets.close();
            sockets = null;
        }
    }
}
