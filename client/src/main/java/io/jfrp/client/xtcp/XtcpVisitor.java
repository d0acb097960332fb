package io.jfrp.client.xtcp;

import io.jfrp.client.visitor.ListeningVisitor;
import io.jfrp.client.visitor.TcpVisitorListener;
import io.jfrp.client.visitor.Visitor;
import io.jfrp.client.visitor.VisitorContext;
import io.jfrp.client.visitor.VisitorFactory;
import io.jfrp.config.model.visitor.XtcpVisitorConfig;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An xtcp visitor (frp's {@code client/visitor/xtcp.go}): a TCP listener on bindAddr:bindPort whose
 * connections each ride one stream of a peer-to-peer tunnel to the proxy's client ({@link TunnelKeeper}
 * punches and keeps it). A user connection waits for a stream up to 20 s, trying every 500 ms; with
 * {@code fallbackTo} it waits only {@code fallbackTimeoutMs} and is then handed to that visitor
 * (usually an stcp visitor of the same proxy through the server). Each stream is wrapped with this
 * visitor's useEncryption/useCompression, keyed by the secretKey, and relayed byte for byte. The log
 * says which path every connection took.
 */
public final class XtcpVisitor extends ListeningVisitor {
    private static final Logger log = LoggerFactory.getLogger(XtcpVisitor.class);
    /** frp: a user connection waits at most this long for the tunnel. */
    static final long OPEN_TIMEOUT_MS = 20_000;
    /** frp: how often it tries. */
    static final long RETRY_MS = 500;

    private final XtcpVisitorConfig config;
    private final XtcpRuntime runtime;
    private final TunnelKeeper tunnels;
    private final StreamWrapping wrapping;
    private final CryptoKey key;

    private XtcpVisitor(XtcpVisitorConfig config, VisitorContext context, XtcpRuntime runtime) {
        super(config, context);
        this.config = config;
        this.runtime = runtime;
        this.tunnels = new TunnelKeeper(config, context, runtime);
        this.wrapping = new StreamWrapping(config.base().transport().useEncryption(),
                config.base().transport().useCompression());
        this.key = TunnelStreams.key(wrapping, config.base().secretKey());
    }

    /** The factory of xtcp visitors sharing {@code runtime}. */
    public static VisitorFactory factory(XtcpRuntime runtime) {
        return (c, ctx) -> new XtcpVisitor((XtcpVisitorConfig) c, ctx, runtime);
    }

    /** The tunnel keeper (tests and stats). */
    public TunnelKeeper tunnels() {
        return tunnels;
    }

    @Override
    public Future<?> start() {
        tunnels.start();
        return TcpVisitorListener.start(context(), config.base(), bound(), user -> new Attempt(user).next(),
                listener -> log.info("[{}] xtcp visitor listening on {} for proxy [{}] ({}{})", config.name(),
                        listener.localAddress(), tunnels.proxyName(), config.protocol(), fallbackNote()));
    }

    private String fallbackNote() {
        return config.fallbackTo().isEmpty() ? ""
                : ", fallback to [" + config.fallbackTo() + "] after " + config.fallbackTimeoutMs() + " ms";
    }

    @Override
    public Future<?> close() {
        Future<?> released = super.close();
        tunnels.close();
        return released;
    }

    /** One user connection looking for a stream, on the user's loop. */
    private final class Attempt {
        private final Channel user;
        private final EventLoop loop;
        private final long startNanos = System.nanoTime();
        private final long deadlineMs;
        private ScheduledFuture<?> retry;

        Attempt(Channel user) {
            this.user = user;
            this.loop = user.eventLoop();
            this.deadlineMs = config.fallbackTo().isEmpty() ? OPEN_TIMEOUT_MS
                    : Math.min(OPEN_TIMEOUT_MS, Math.max(config.fallbackTimeoutMs(), 0));
        }

        private long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        void next() {
            if (!user.isActive()) {
                return;
            }
            XtcpTunnel tunnel = tunnels.current();
            if (tunnel == null) {
                tunnels.requestPunch();
                later();
                return;
            }
            tunnel.openStream(TunnelStreams.visitorStream(wrapping, key)).addListener(f -> loop.execute(() -> {
                if (!f.isSuccess()) {
                    log.debug("[{}] xtcp: opening a stream failed: {}", config.name(), f.cause().toString());
                    tunnels.broken(tunnel);
                    later();
                    return;
                }
                DuplexChannel stream = (DuplexChannel) f.getNow();
                if (!user.isActive()) {
                    stream.close();
                    return;
                }
                connectionLog().info(log, "[{}] connection from {} goes peer to peer ({} to {}, {} ms)", config.name(),
                        user.remoteAddress(), tunnel.protocol(), tunnel.channel().remoteAddress(), elapsedMs());
                Relay.join((DuplexChannel) user, stream);
            }));
        }

        private void later() {
            long left = deadlineMs - elapsedMs();
            if (left <= 0) {
                giveUp();
                return;
            }
            retry = loop.schedule(this::next, Math.min(RETRY_MS, left), TimeUnit.MILLISECONDS);
        }

        private void giveUp() {
            if (config.fallbackTo().isEmpty()) {
                connectionLog().warn(log, "[{}] connection from {} closed: no peer-to-peer tunnel within {} ms", config.name(),
                        user.remoteAddress(), deadlineMs);
                user.close();
                return;
            }
            Optional<Visitor> fallback = runtime.visitor(config.fallbackTo());
            if (fallback.isEmpty() || !fallback.get().accept(user)) {
                connectionLog().warn(log, "[{}] connection from {} closed: fallback visitor [{}] cannot take it", config.name(),
                        user.remoteAddress(), config.fallbackTo());
                user.close();
                return;
            }
            connectionLog().info(log, "[{}] connection from {} goes through the server via visitor [{}] (no tunnel after {} ms)",
                    config.name(), user.remoteAddress(), config.fallbackTo(), elapsedMs());
        }
    }
}
