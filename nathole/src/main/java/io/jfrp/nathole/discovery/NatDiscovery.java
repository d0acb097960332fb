package io.jfrp.nathole.discovery;

import io.jfrp.nathole.HostPort;
import io.jfrp.nathole.NatHoleException;
import io.jfrp.nathole.punch.UdpSockets;
import io.jfrp.nathole.stun.StunClient;
import io.jfrp.nathole.stun.StunMessage;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * STUN discovery exactly as frp's {@code nathole.Discover} with one server: from one fresh IPv4 UDP
 * socket, a Binding request to the server; its XOR-MAPPED-ADDRESS (else MAPPED-ADDRESS) is the first
 * mapped address; if the answer names an alternate address (OTHER-ADDRESS, else CHANGED-ADDRESS) a
 * second request goes there from the same socket and its mapped address is the second. Each request
 * has {@link StunClient}'s 3 s.
 *
 * <p>Thread-safe; each discovery runs on one event loop of the {@link UdpSockets}' group. The server
 * name is resolved with Netty's default resolver (as {@code Bootstrap.connect} does), first IPv4
 * address, as Go's {@code ResolveUDPAddr("udp4", ...)}.
 */
public final class NatDiscovery {
    private static final Logger log = LoggerFactory.getLogger(NatDiscovery.class);
    private static final InetSocketAddress ANY = UdpSockets.ANY_IPV4;

    private final UdpSockets sockets;

    public NatDiscovery(UdpSockets sockets) {
        this.sockets = Objects.requireNonNull(sockets, "sockets");
    }

    /**
     * Parses a {@code natHoleStunServer} value, {@code "host:port"}: an IP literal gives a resolved
     * address, a name an unresolved one (resolved at discovery).
     *
     * @throws IllegalArgumentException naming the value and the problem
     */
    public static InetSocketAddress parseServer(String server) {
        HostPort hp = HostPort.parse(server);
        if (hp.host().isEmpty()) {
            throw new IllegalArgumentException("STUN server \"" + server + "\": missing host");
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(hp.host());
        if (ip != null) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(ip), hp.port());
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return InetSocketAddress.createUnresolved(hp.host(), hp.port());
    }

    /** Discovers from a fresh socket on {@code 0.0.0.0} and a random port. */
    public Future<DiscoveryResult> discover(InetSocketAddress stunServer) {
        return discover(stunServer, null);
    }

    /**
     * Discovers from a fresh socket.
     *
     * @param stunServer the server, resolved or not
     * @param local      the local address to bind ({@code frpc nathole discover -l}), or null for
     *                   {@code 0.0.0.0} and a random port
     * @return the result, whose socket the caller then owns; on failure the socket is closed and the
     * failure is a {@link NatHoleException} or {@link io.jfrp.nathole.stun.StunException}
     */
    public Future<DiscoveryResult> discover(InetSocketAddress stunServer, InetSocketAddress local) {
        Objects.requireNonNull(stunServer, "stunServer");
        EventLoop loop = sockets.group().next();
        Promise<DiscoveryResult> promise = loop.newPromise();
        sockets.bind(local != null ? local : ANY, loop, new ChannelInboundHandlerAdapter(), true).addListener(bound -> {
            if (!bound.isSuccess()) {
                promise.setFailure(new NatHoleException("cannot open a UDP socket on " + (local != null ? local : ANY)
                        + ": " + bound.cause().getMessage(), bound.cause()));
                return;
            }
            DatagramChannel channel = (DatagramChannel) bound.getNow();
            promise.addListener(f -> {
                if (!f.isSuccess()) {
                    channel.close();
                }
            });
            resolve(loop, stunServer).addListener(resolved -> {
                if (!resolved.isSuccess()) {
                    promise.tryFailure(resolved.cause());
                    return;
                }
                new Run(channel, (InetSocketAddress) resolved.getNow(), promise).first();
            });
        });
        return promise;
    }

    private static Future<InetSocketAddress> resolve(EventLoop loop, InetSocketAddress server) {
        Promise<InetSocketAddress> promise = loop.newPromise();
        if (!server.isUnresolved()) {
            if (server.getAddress() instanceof Inet4Address) {
                return promise.setSuccess(server);
            }
            return promise.setFailure(new NatHoleException("STUN server " + server + " is not an IPv4 address;"
                    + " discovery uses IPv4 (udp4) as frp does"));
        }
        var resolver = DefaultAddressResolverGroup.INSTANCE.getResolver(loop);
        resolver.resolveAll(server).addListener(f -> {
            if (!f.isSuccess()) {
                promise.setFailure(new NatHoleException("cannot resolve STUN server " + server.getHostString()
                        + ": " + f.cause().getMessage(), f.cause()));
                return;
            }
            @SuppressWarnings("unchecked")
            List<SocketAddress> all = (List<SocketAddress>) f.getNow();
            for (SocketAddress a : all) {
                if (a instanceof InetSocketAddress isa && isa.getAddress() instanceof Inet4Address) {
                    promise.setSuccess(isa);
                    return;
                }
            }
            promise.setFailure(new NatHoleException("STUN server " + server.getHostString()
                    + " has no IPv4 address (got " + all + ")"));
        });
        return promise;
    }

    /** The two requests of one discovery; runs on the channel's event loop. */
    private static final class Run {
        private final DatagramChannel channel;
        private final InetSocketAddress server;
        private final Promise<DiscoveryResult> promise;
        private final List<String> mapped = new ArrayList<>(2);

        Run(DatagramChannel channel, InetSocketAddress server, Promise<DiscoveryResult> promise) {
            this.channel = channel;
            this.server = server;
            this.promise = promise;
        }

        void first() {
            StunClient.binding(channel, server).addListener(f -> {
                if (!f.isSuccess()) {
                    promise.tryFailure(f.cause());
                    return;
                }
                StunMessage answer = (StunMessage) f.getNow();
                InetSocketAddress reflexive = answer.reflexiveAddress();
                if (reflexive == null) {
                    promise.tryFailure(new NatHoleException("no external address found: STUN server " + server
                            + " sent neither XOR-MAPPED-ADDRESS nor MAPPED-ADDRESS"));
                    return;
                }
                mapped.add(HostPort.format(reflexive));
                InetSocketAddress alternate = answer.alternateAddress();
                if (alternate == null) {
                    log.debug("STUN server {} names no alternate address: one mapped address only", server);
                    done();
                } else if (!(alternate.getAddress() instanceof Inet4Address)) {
                    promise.tryFailure(new NatHoleException("STUN server " + server + " names the alternate address "
                            + alternate + ", which is not IPv4"));
                } else {
                    second(alternate);
                }
            });
        }

        private void second(InetSocketAddress alternate) {
            StunClient.binding(channel, alternate).addListener(f -> {
                if (!f.isSuccess()) {
                    promise.tryFailure(f.cause());
                    return;
                }
                InetSocketAddress reflexive = ((StunMessage) f.getNow()).reflexiveAddress();
                if (reflexive != null) {
                    mapped.add(HostPort.format(reflexive));
                }
                done();
            });
        }

        private void done() {
            channel.config().setAutoRead(false);
            promise.trySuccess(new DiscoveryResult(mapped, (InetSocketAddress) channel.localAddress(), channel));
        }
    }
}
