package io.jfrp.server.proxy;

import io.jfrp.mux.LogBudget;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.limit.BandwidthLimit;
import io.jfrp.protocol.limit.BandwidthLimitHandler;
import io.jfrp.protocol.limit.TokenBucket;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.relay.Relay;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Serves public connections of one proxy through its client: takes one of the client's work
 * connections (waiting up to userConnTimeout), sends it StartWorkConn with the public peer's and
 * listener's addresses, and switches it to the proxy's wrapping (encryption, compression), in frp's
 * server mode its bandwidth limit (one bucket per proxy, on the plaintext side), and its
 * {@link TrafficCounter} (the proxy's statistics: one user connection per work connection). What is
 * then done with it is the caller's: {@link #relay} joins it byte for byte to a public connection
 * (tcp, https, tcpmux) once its {@link UserConnGate} (server plugins' NewUserConn) admits it,
 * {@link #open} hands it over for a protocol handler (the http vhost speaks HTTP/1.1 over it),
 * {@link #openMessages} keeps it carrying frp messages inside the wrapping (udp: UDPPacket and Ping).
 *
 * <p>Every proxy gets one in its {@link ProxyContext} (frp's {@code GetWorkConnFromPool}); it is how
 * proxies and the vhost listeners reach a client, whose pool ({@link WorkConnSource}) the control
 * keeps. Thread-safe: any thread may call it.
 *
 * <p>Without tcpMux each work connection is a TCP connection of its own, pooled on the worker loop
 * that accepted it; {@link #relay}, {@link #relayMessages}, {@link #openMessages} and {@link #open}
 * given a loop move it, once taken, onto the loop of the connection (or UDP socket) it serves ({@link WorkConnMove}), so that each relay runs on
 * one thread and a client's relays on as many loops as their public connections.
 *
 * <p>A public connection refused (NewUserConn) or closed because no work connection could be had
 * (jfrpc's service or its work connections fail) costs a line, which a public peer can repeat at will:
 * those lines go through {@code failures}, a {@link LogBudget} of the proxy's own (at most
 * {@value LogBudget#DEFAULT_LINES} each {@value LogBudget#DEFAULT_WINDOW_MILLIS} ms, the first ones
 * written, then how many were left out). One per proxy, not per client session or process: the lines
 * name the proxy, so a flood on one proxy does not hide the first failures of another, and the number
 * of budgets is the number of proxies, which only logged-in clients make (maxProxiesPerClient), never
 * the public peer.
 *
 * @param source    the client's pool
 * @param proxyName the proxy's wire name (StartWorkConn proxy_name)
 * @param wrapping  the proxy's encryption and compression
 * @param tokenKey  the key encryption derives from (auth.token)
 * @param meter     told of every connection served and its bytes ({@link TrafficCounter}); proxies that
 *                  count other than per work connection use it themselves (udp: per datagram)
 * @param bandwidth the proxy's bandwidth bucket in server mode, shared by all its work connections and
 *                  applied on their plaintext side, as frps; null for none
 * @param gate      asked before each {@link #relay} (server plugins' NewUserConn)
 * @param failures  the budget of the proxy's lines about public connections refused or failed
 */
public record WorkConnBridge(WorkConnSource source, String proxyName, StreamWrapping wrapping, CryptoKey tokenKey,
                             UserConnectionMeter meter, TokenBucket bandwidth, UserConnGate gate,
                             LogBudget failures) {
    /**
     * Name of the handler on a pooled work connection that refuses anything before StartWorkConn;
     * the control adds it, the bridge takes it out when it starts the connection.
     */
    public static final String IDLE_HANDLER = "idle-work-conn";
    private static final Logger log = LoggerFactory.getLogger(WorkConnBridge.class);

    /** A bridge whose connections are not counted, limited or asked about (tests). */
    public WorkConnBridge(WorkConnSource source, String proxyName, StreamWrapping wrapping, CryptoKey tokenKey) {
        this(source, proxyName, wrapping, tokenKey, UserConnectionMeter.NONE, BandwidthLimit.NONE, UserConnGate.OPEN);
    }

    /**
     * @param limit the proxy's bandwidth limit when its mode is server ({@link BandwidthLimit#NONE}
     *              otherwise), which gets one bucket for all the proxy's work connections
     */
    public WorkConnBridge(WorkConnSource source, String proxyName, StreamWrapping wrapping, CryptoKey tokenKey,
                          UserConnectionMeter meter, BandwidthLimit limit, UserConnGate gate) {
        this(source, proxyName, wrapping, tokenKey, meter,
                limit.isSet() ? new TokenBucket(limit.bytesPerSecond()) : null, gate, new LogBudget());
    }

    /** The wire protocol of the client's session, "v1" or "v2" ({@link WorkConnSource#wireProtocol}). */
    public String wireProtocol() {
        return source.wireProtocol();
    }

    /** The client's run id, for log lines. */
    public String runId() {
        return source.runId();
    }

    /**
     * A work connection ready to carry the proxy's bytes. {@code setup} runs on the work
     * connection's event loop right after the switch, before anything it reads can reach the end of
     * its pipeline, so handlers it adds see every byte the client sends. The returned future
     * completes after {@code setup}, or fails (no work connection within userConnTimeout, the client
     * left, the connection died, {@code setup} threw: the connection is then closed).
     *
     * @param src the public peer's address (StartWorkConn src_addr/src_port)
     * @param dst the address the public peer connected to (dst_addr/dst_port)
     */
    public Future<Channel> open(InetSocketAddress src, InetSocketAddress dst, Consumer<Channel> setup) {
        return open(src, dst, null, false, setup);
    }

    /**
     * As {@link #open(InetSocketAddress, InetSocketAddress, Consumer)}, for a connection served on
     * {@code servedOn}: a TCP work connection (tcpMux off) moves onto that loop first, when it is
     * another of its group ({@link WorkConnMove}), so that the two then run on one thread and
     * {@code setup} runs there.
     */
    public Future<Channel> open(InetSocketAddress src, InetSocketAddress dst, EventLoop servedOn,
                                Consumer<Channel> setup) {
        return open(src, dst, servedOn, false, setup);
    }

    /**
     * A work connection that goes on carrying frp messages, framed as the session's wire protocol,
     * inside the proxy's wrapping: a udp proxy's one connection for all its users (StartWorkConn
     * without addresses, as frps sends it), served on {@code servedOn}, the loop of the proxy's public
     * socket: a TCP work connection (tcpMux off) moves there first ({@link WorkConnMove}), so that
     * each datagram goes from socket to connection, and back, on one thread. {@code setup} and the
     * future are as for {@link #open}.
     */
    public Future<Channel> openMessages(EventLoop servedOn, Consumer<Channel> setup) {
        return open(null, null, servedOn, true, setup);
    }

    /**
     * A work connection right after StartWorkConn (without addresses), still framed and not wrapped:
     * xtcp's, on which frps writes NatHoleSid and closes (frp's {@code XTCPProxy.Run}: the proxy's
     * encryption and compression are for the peer-to-peer tunnel, not this hop). {@code setup} and
     * the future are as for {@link #open}.
     */
    public Future<Channel> openUnwrapped(Consumer<Channel> setup) {
        return open(null, null, null, null, setup);
    }

    /**
     * @param servedOn the loop of what the work connection serves, where it moves ({@link WorkConnMove});
     *                 null: it stays where it is
     * @param messages true: wrapped below the framing; false: wrapped relay; null: framed, unwrapped
     */
    private Future<Channel> open(InetSocketAddress src, InetSocketAddress dst, EventLoop servedOn, Boolean messages,
                                 Consumer<Channel> setup) {
        EventExecutor executor = source.executor();
        Promise<Channel> done = executor.newPromise();
        executor.execute(() -> source.takeWorkConn().addListener(f -> {
            if (!f.isSuccess()) {
                done.tryFailure(f.cause());
                return;
            }
            Channel work = (Channel) f.getNow();
            WorkConnMove.onto(work, servedOn, () -> start(work, src, dst, messages, setup, done), cause -> {
                work.close();
                done.tryFailure(cause);
            });
        }));
        return done;
    }

    private void start(Channel work, InetSocketAddress src, InetSocketAddress dst, Boolean messages,
                       Consumer<Channel> setup, Promise<Channel> done) {
        if (!work.isActive()) {
            work.close();
            done.tryFailure(new ClosedChannelException());
            return;
        }
        try {
            if (work.pipeline().get(IDLE_HANDLER) != null) {
                work.pipeline().remove(IDLE_HANDLER);
            }
            work.writeAndFlush(src == null ? new StartWorkConn(proxyName, "", "", 0, 0, "")
                    : new StartWorkConn(proxyName, src.getAddress().getHostAddress(),
                    dst.getAddress().getHostAddress(), src.getPort(), dst.getPort(), ""));
            if (messages == null) {
                // xtcp: framing stays for NatHoleSid, nothing wraps
            } else if (messages) { // udp/sudp: framed messages, no byte-stream limiter here (not limited yet)
                FrpPipelines.wrapBelowFraming(work.pipeline(), wrapping, tokenKey);
            } else {
                FrpPipelines.startRelay(work.pipeline(), wrapping, tokenKey);
                if (bandwidth != null) {
                    work.pipeline().addLast(BandwidthLimitHandler.NAME, new BandwidthLimitHandler(bandwidth));
                }
            }
            TrafficCounter.install(work, meter);
            setup.accept(work);
        } catch (RuntimeException e) {
            work.close();
            done.tryFailure(e);
            return;
        }
        done.trySuccess(work);
    }

    /**
     * Pipes {@code pub} through a work connection, {@code initial} first (bytes already read from
     * {@code pub} while deciding where it goes, e.g. a TLS ClientHello or an HTTP request head; null
     * for none). Takes ownership of {@code initial}. {@code pub} must be held
     * ({@link Relay#holdUntilJoined}) or otherwise not reading; it is closed when no work connection
     * can be had.
     */
    public void relay(DuplexChannel pub, ByteBuf initial) {
        InetSocketAddress src = (InetSocketAddress) pub.remoteAddress();
        InetSocketAddress dst = (InetSocketAddress) pub.localAddress();
        if (src == null || dst == null) { // closed already
            ReferenceCountUtil.release(initial);
            pub.close();
            return;
        }
        // Whoever takes the initial bytes out of here owns them: the setup (which writes them) or
        // the failure path, never both.
        AtomicReference<ByteBuf> pending = new AtomicReference<>(initial);
        gate.admit(src).whenComplete((ok, refused) -> {
            if (refused == null) {
                relayAdmitted(pub, src, dst, pending);
                return;
            }
            ReferenceCountUtil.release(pending.getAndSet(null));
            Throwable why = refused instanceof java.util.concurrent.CompletionException && refused.getCause() != null
                    ? refused.getCause() : refused;
            failures.info(log, "proxy [{}]: user connection from {} refused: {}", proxyName, src, why.getMessage());
            pub.close();
        });
    }

    /**
     * Serves a connection that goes on carrying frp messages of its own framing (an sudp visitor whose
     * wire protocol differs from the client's): once the {@link UserConnGate} admits it, a work
     * connection gets StartWorkConn with the peer's addresses and keeps its framing inside the proxy's
     * wrapping, and {@code join} (on the work connection's loop) connects the two message streams.
     * {@code peer} must be held ({@link Relay#holdUntilJoined}); it is closed when no work connection
     * can be had.
     */
    public void relayMessages(DuplexChannel peer, BiConsumer<DuplexChannel, Channel> join) {
        InetSocketAddress src = (InetSocketAddress) peer.remoteAddress();
        InetSocketAddress dst = (InetSocketAddress) peer.localAddress();
        if (src == null || dst == null) {
            peer.close();
            return;
        }
        gate.admit(src).whenComplete((ok, refused) -> {
            if (refused != null) {
                failures.info(log, "proxy [{}]: connection from {} refused: {}", proxyName, src, refused.getMessage());
                peer.close();
                return;
            }
            open(src, dst, peer.eventLoop(), true, work -> join.accept(peer, work)).addListener(f -> {
                if (!f.isSuccess()) {
                    failures.warn(log, "proxy [{}]: connection from {} closed: {}", proxyName, src,
                            f.cause().toString());
                    peer.close();
                }
            });
        });
    }

    private void relayAdmitted(DuplexChannel pub, InetSocketAddress src, InetSocketAddress dst,
                               AtomicReference<ByteBuf> pending) {
        open(src, dst, pub.eventLoop(), false, work -> {
            ByteBuf first = pending.getAndSet(null);
            if (!pub.isActive()) {
                ReferenceCountUtil.release(first);
                work.close();
                return;
            }
            if (first != null) {
                work.writeAndFlush(first, work.voidPromise());
            }
            Relay.join(pub, (DuplexChannel) work);
        }).addListener(f -> {
            if (!f.isSuccess()) {
                ReferenceCountUtil.release(pending.getAndSet(null));
                failures.warn(log, "proxy [{}]: public connection from {} closed: {}", proxyName, src,
                        f.cause().getMessage() == null ? f.cause().toString() : f.cause().getMessage());
                pub.close();
            }
        });
    }
}
