package io.jfrp.client.xtcp;

import io.jfrp.client.visitor.ServerLink;
import io.jfrp.client.visitor.VisitorContext;
import io.jfrp.config.model.visitor.XtcpVisitorConfig;
import io.jfrp.nathole.discovery.PreparedHole;
import io.jfrp.nathole.punch.PunchResult;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.NatHoleVisitor;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tunnel of one xtcp visitor (frp's {@code XTCPVisitor.makeNatHole} and its tunnel session): at
 * most one punch at a time and at most one every {@value #MIN_PUNCH_INTERVAL_MS} ms, each being
 * NatHoleVisitor{pre_check}, STUN preparation, NatHoleVisitor{protocol, sign_key, addresses}, the
 * punch, and the tunnel dialled over the hole (QUIC or KCP, as the server's NatHoleResp says). A
 * tunnel that cannot open a stream or closes is dropped and the next user connection asks for a new
 * punch. With keepTunnelOpen it punches at start and checks every minRetryInterval seconds, re-punching
 * at most maxRetriesAnHour times an hour.
 *
 * <p>State is confined to one event loop; {@link #current()} may be read from anywhere.
 */
public final class TunnelKeeper {
    private static final Logger log = LoggerFactory.getLogger(TunnelKeeper.class);
    /** frp: a new punch at most every 10 s. */
    static final long MIN_PUNCH_INTERVAL_MS = 10_000;
    /** keepTunnelOpen before the first login: how soon to look again. */
    static final long NOT_CONNECTED_RETRY_MS = 1_000;

    private final XtcpVisitorConfig config;
    private final String proxyName;
    private final XtcpRuntime runtime;
    private final EventLoop loop;
    /** Start times of keepTunnelOpen's re-punches in the last hour (loop only). */
    private final Deque<Long> recentRetries = new ArrayDeque<>();
    private volatile XtcpTunnel current;
    private boolean punching;
    private long lastPunchNanos;
    private boolean everPunched;
    private ScheduledFuture<?> keepOpen;
    private volatile boolean closed;

    /** The keeper of {@code config}'s tunnel, on one of {@code context}'s loops. */
    TunnelKeeper(XtcpVisitorConfig config, VisitorContext context, XtcpRuntime runtime) {
        this.config = config;
        this.proxyName = context.targetProxyName(config.base().serverUser(), config.base().serverName());
        this.runtime = runtime;
        this.loop = context.loops().next();
    }

    /** The visited proxy's wire name. */
    public String proxyName() {
        return proxyName;
    }

    /** The open tunnel, or null. */
    XtcpTunnel current() {
        XtcpTunnel t = current;
        return t != null && t.isOpen() ? t : null;
    }

    void start() {
        if (!config.keepTunnelOpen()) {
            return;
        }
        loop.execute(() -> {
            if (closed) {
                return;
            }
            requestPunch();
            long every = Math.max(config.minRetryInterval(), 1);
            keepOpen = loop.scheduleAtFixedRate(this::keepOpenTick, every, every, TimeUnit.SECONDS);
        });
    }

    private void keepOpenTick() {
        if (current() != null || punching || closed) {
            return;
        }
        long now = System.nanoTime();
        while (!recentRetries.isEmpty() && now - recentRetries.peekFirst() > TimeUnit.HOURS.toNanos(1)) {
            recentRetries.pollFirst();
        }
        if (recentRetries.size() >= Math.max(config.maxRetriesAnHour(), 1)) {
            log.debug("[{}] xtcp: keepTunnelOpen: {} re-punches this hour already", config.name(), recentRetries.size());
            return;
        }
        recentRetries.addLast(now);
        requestPunch();
    }

    /** Asks for a punch unless one runs or the last began less than 10 s ago. Any thread. */
    void requestPunch() {
        if (!loop.inEventLoop()) {
            loop.execute(this::requestPunch);
            return;
        }
        if (punching || closed || current() != null) {
            return;
        }
        long now = System.nanoTime();
        if (everPunched && now - lastPunchNanos < TimeUnit.MILLISECONDS.toNanos(MIN_PUNCH_INTERVAL_MS)) {
            return;
        }
        everPunched = true;
        lastPunchNanos = now;
        punching = true;
        makeHole();
    }

    /** A stream could not be opened on {@code tunnel}: it is dropped. Any thread. */
    void broken(XtcpTunnel tunnel) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> broken(tunnel));
            return;
        }
        if (current == tunnel) {
            current = null;
        }
        tunnel.close();
    }

    private void makeHole() {
        ServerLink link = runtime.link();
        if (link == null || link.runId() == null) {
            // Visitors start before the first login (frp starts them after it): try again shortly,
            // without counting against the 10 s between punches.
            punching = false;
            everPunched = false;
            if (config.keepTunnelOpen() && !closed) {
                loop.schedule(this::requestPunch, NOT_CONNECTED_RETRY_MS, TimeUnit.MILLISECONDS);
            }
            log.debug("[{}] xtcp: not connected to the server yet", config.name());
            return;
        }
        String preCheckId = runtime.newTransactionId();
        link.exchangeNatHole(new NatHoleVisitor(preCheckId, proxyName, true, "", "", 0, List.of(), List.of()),
                preCheckId).addListener(pre -> onLoop(() -> {
            NatHoleResp resp = response(pre, "pre-check");
            if (resp == null) {
                return;
            }
            runtime.prepare(config.natTraversal().disableAssistedAddrs())
                    .addListener(p -> onLoop(() -> exchange(link, p)));
        }));
    }

    private void exchange(ServerLink link, Future<?> prepared) {
        if (!prepared.isSuccess()) {
            done("nathole prepare error: " + prepared.cause().getMessage());
            return;
        }
        PreparedHole hole = (PreparedHole) prepared.getNow();
        long ts = System.currentTimeMillis() / 1000;
        String tid = runtime.newTransactionId();
        NatHoleVisitor request = new NatHoleVisitor(tid, proxyName, false, config.protocol(),
                AuthKeys.signKey(config.base().secretKey(), ts), ts, hole.mappedAddrs(), hole.assistedAddrs());
        log.debug("[{}] xtcp: NAT {}, mapped {}, assisted {}", config.name(), hole.feature(), hole.mappedAddrs(),
                hole.assistedAddrs());
        link.exchangeNatHole(request, tid).addListener(r -> onLoop(() -> {
            NatHoleResp resp = response(r, "exchange info");
            if (resp == null) {
                hole.channel().close();
                return;
            }
            long start = System.nanoTime();
            runtime.punch(hole, resp, config.base().secretKey()).addListener(h -> onLoop(() -> dial(h, resp, start)));
        }));
    }

    private void dial(Future<?> punched, NatHoleResp resp, long start) {
        if (!punched.isSuccess()) {
            done("make hole error: " + punched.cause().getMessage());
            return;
        }
        PunchResult hole = (PunchResult) punched.getNow();
        boolean kcp = "kcp".equals(resp.protocol());
        Future<XtcpTunnel> tunnel = kcp ? KcpTunnel.dial(hole) : QuicTunnel.dial(hole, runtime.quic());
        tunnel.addListener(t -> onLoop(() -> {
            if (!t.isSuccess()) {
                done((kcp ? "kcp" : "quic") + " tunnel to " + hole.peer() + " failed: " + t.cause().getMessage());
                return;
            }
            XtcpTunnel open = (XtcpTunnel) t.getNow();
            if (closed) {
                open.close();
                return;
            }
            current = open;
            open.channel().closeFuture().addListener(c -> onLoop(() -> {
                if (current == open) {
                    current = null;
                    log.info("[{}] xtcp: tunnel to {} closed", config.name(), hole.peer());
                }
            }));
            punching = false;
            log.info("[{}] xtcp: {} tunnel to [{}] open, peer {} (punch {} ms, {} probes from {} sockets)",
                    config.name(), open.protocol(), proxyName, hole.peer(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), hole.probesSent(), hole.sockets());
        }));
    }

    /** The NatHoleResp of an exchange, or null after logging why there is none. */
    private NatHoleResp response(Future<?> f, String step) {
        if (!f.isSuccess()) {
            done(step + " error: " + f.cause().getMessage());
            return null;
        }
        NatHoleResp resp = (NatHoleResp) f.getNow();
        if (!resp.error().isEmpty()) {
            done(step + " error: " + resp.error());
            return null;
        }
        return resp;
    }

    private void done(String failure) {
        punching = false;
        log.warn("[{}] xtcp: no tunnel to [{}]: {}", config.name(), proxyName, failure);
    }

    private void onLoop(Runnable r) {
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }

    void close() {
        closed = true;
        loop.execute(() -> {
            if (keepOpen != null) {
                keepOpen.cancel(false);
            }
            XtcpTunnel t = current;
            current = null;
            if (t != null) {
                t.close();
            }
        });
    }
}
