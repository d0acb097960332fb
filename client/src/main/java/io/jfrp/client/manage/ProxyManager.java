package io.jfrp.client.manage;

import io.jfrp.client.health.HealthMonitor;
import io.jfrp.client.proxy.ClientProxy;
import io.jfrp.client.proxy.ClientProxyFactory;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.client.proxy.ProxyDirectory;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyMessages;
import io.jfrp.config.model.proxy.ProxyTypeRegistry;
import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxyResp;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * jfrpc's proxies as they run (frp's proxy manager and its wrappers): which are asked of the server
 * and when, what the server answered, which are withdrawn by their health check, and what a reload
 * changes.
 *
 * <h3>Asking the server</h3>
 * While logged in ({@link #connected}), each proxy whose health check passes (or that has none) is
 * sent NewProxy and waits for its NewProxyResp ({@link ProxyPhase#WAIT_START}); the answer makes it
 * {@link ProxyPhase#RUNNING} or {@link ProxyPhase#START_ERROR}. As in frp, a refused proxy is asked
 * again after 30 s and an unanswered one after 20 s (checked every 3 s). A failing health check
 * withdraws a proxy (CloseProxy, {@link ProxyPhase#CHECK_FAILED}); passing again re-sends it. Work
 * connections are served only for proxies the server holds ({@link #proxy}).
 *
 * <h3>Updating</h3>
 * {@link #update} takes the wanted list and applies only the difference: a proxy whose whole record
 * is equal to the running one is left alone, connections and all; a changed one is closed
 * (CloseProxy) and started again; a removed one is closed; a new one is started.
 *
 * <h3>Threading</h3>
 * Thread-safe, one lock: the connection's loop (answers), health monitors' loops, the admin API's
 * threads (reload) and the tick call in. Messages go out through the control channel, which Netty
 * lets any thread write to.
 */
public final class ProxyManager implements ProxyDirectory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxyManager.class);
    /** frp's {@code waitResponseTimeout}: an unanswered NewProxy is sent again after this. */
    static final Duration WAIT_START_TIMEOUT = Duration.ofSeconds(20);
    /** frp's {@code startErrTimeout}: a refused proxy is asked again after this. */
    static final Duration START_ERROR_RETRY = Duration.ofSeconds(30);
    /** frp's {@code statusCheckInterval}. */
    static final Duration TICK = Duration.ofSeconds(3);
    /** What {@link #send} and its callers return when no message went out. */
    private static final Future<Void> NOTHING_SENT = ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);

    private final String user;
    private final ProxyTypeRegistry<ClientProxyFactory> factories;
    private final LocalDialer dialer;
    private final EventLoopGroup loops;
    /** By name in the configuration, in configuration order. */
    private final Map<String, Running> proxies = new LinkedHashMap<>();
    private final Map<String, Running> byWireName = new HashMap<>();
    private final ScheduledFuture<?> ticker;
    private Channel control;
    private boolean closed;

    /** What {@link #update} did, by proxy name. */
    public record Changes(List<String> added, List<String> changed, List<String> removed, List<String> unchanged) {
    }

    /** One proxy as it runs. Guarded by the manager's lock. */
    private final class Running {
        final ProxyConfig config;
        final String wireName;
        final boolean fromStore;
        final ClientProxy proxy;
        final HealthMonitor health;
        boolean healthy;
        ProxyPhase phase = ProxyPhase.NEW;
        String error = "";
        String remoteAddr = "";
        long sentAt;
        long refusedAt;

        Running(ProxyConfig config, boolean fromStore) {
            this.config = config;
            this.wireName = config.wireName(user);
            this.fromStore = fromStore;
            this.proxy = factories.factory(config).create(config, dialer);
            this.health = HealthMonitor.of(config.name(), config.base(), dialer.socketChannel(), loops.next(),
                    new HealthMonitor.Listener() {
                        @Override
                        public Future<?> healthy() {
                            return onHealth(Running.this, true);
                        }

                        @Override
                        public Future<?> unhealthy() {
                            return onHealth(Running.this, false);
                        }
                    });
            this.healthy = health == null;
        }

        ProxyStatus status() {
            return new ProxyStatus(config, phase, error, remoteAddr, fromStore);
        }
    }

    /**
     * @param user      the client's user (proxies are {@code user.name} on the wire)
     * @param factories the client's side of each proxy type
     * @param dialer    how local services are reached (and health-checked)
     * @param loops     the client's loops (health checks, the retry tick)
     */
    public ProxyManager(String user, ProxyTypeRegistry<ClientProxyFactory> factories, LocalDialer dialer,
                        EventLoopGroup loops) {
        this.user = user;
        this.factories = factories;
        this.dialer = dialer;
        this.loops = loops;
        this.ticker = loops.next().scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Makes the running proxies {@code wanted}, changing only what differs.
     *
     * @param fromStore names of the proxies that come from the store
     * @throws IllegalArgumentException when a proxy's type is not one jfrpc runs (nothing changes then)
     */
    public synchronized Changes update(List<ProxyConfig> wanted, Set<String> fromStore) {
        for (ProxyConfig p : wanted) {
            factories.factory(p); // refuse an unknown type before anything changes
        }
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Map<String, ProxyConfig> byName = new LinkedHashMap<>();
        wanted.forEach(p -> byName.put(p.name(), p));
        for (Running r : List.copyOf(proxies.values())) {
            ProxyConfig next = byName.get(r.config.name());
            if (next == null) {
                stop(r);
                removed.add(r.config.name());
            } else if (!next.equals(r.config) || r.fromStore != fromStore.contains(next.name())) {
                stop(r);
                changed.add(r.config.name());
            }
        }
        Map<String, Running> previous = new LinkedHashMap<>(proxies);
        proxies.clear();
        for (ProxyConfig p : byName.values()) {
            Running r = previous.get(p.name());
            if (r != null && r.phase != ProxyPhase.CLOSED) {
                proxies.put(p.name(), r);
                unchanged.add(p.name());
                continue;
            }
            if (r == null) {
                added.add(p.name());
            }
            Running fresh = new Running(p, fromStore.contains(p.name()));
            proxies.put(p.name(), fresh);
            byWireName.put(fresh.wireName, fresh);
            if (fresh.health != null) {
                fresh.health.start();
            }
            ask(fresh);
        }
        return new Changes(added, changed, removed, unchanged);
    }

    /** Logged in on {@code channel} (the control stream, encrypted): every eligible proxy is asked for. */
    public synchronized void connected(Channel channel) {
        control = channel;
        for (Running r : proxies.values()) {
            if (r.healthy || r.phase != ProxyPhase.CHECK_FAILED) {
                r.phase = ProxyPhase.NEW;
            }
            r.error = "";
            ask(r);
        }
        control.flush();
    }

    /** The connection on {@code channel} ended: every proxy waits for the next login. */
    public synchronized void disconnected(Channel channel) {
        if (control != channel) {
            return;
        }
        control = null;
        for (Running r : proxies.values()) {
            if (r.phase != ProxyPhase.CHECK_FAILED) {
                r.phase = ProxyPhase.NEW;
            }
        }
    }

    /** The server answered a NewProxy. */
    public synchronized void onNewProxyResp(NewProxyResp resp) {
        Running r = byWireName.get(resp.proxyName());
        if (r == null || proxies.get(r.config.name()) != r || r.phase != ProxyPhase.WAIT_START) {
            log.debug("[{}] ignoring an answer for a proxy not waiting for one", resp.proxyName());
            return;
        }
        r.remoteAddr = resp.remoteAddr();
        if (resp.error().isEmpty()) {
            r.phase = ProxyPhase.RUNNING;
            r.error = "";
            log.info("[{}] start proxy success, remote address {}", r.config.name(), resp.remoteAddr());
        } else {
            r.phase = ProxyPhase.START_ERROR;
            r.error = resp.error();
            r.refusedAt = System.nanoTime();
            log.warn("[{}] start error: {}", r.config.name(), resp.error());
        }
    }

    /**
     * The running proxy, or one whose NewProxyResp has not been read yet (without tcpMux a work
     * connection may overtake it); none that is withdrawn, refused or gone.
     */
    @Override
    public synchronized ClientProxy proxy(String wireName) {
        Running r = byWireName.get(wireName);
        boolean serving = r != null && (r.phase == ProxyPhase.RUNNING || r.phase == ProxyPhase.WAIT_START);
        return serving && proxies.get(r.config.name()) == r ? r.proxy : null;
    }

    /** Every proxy's state, in configuration order. */
    public synchronized List<ProxyStatus> statuses() {
        List<ProxyStatus> out = new ArrayList<>(proxies.size());
        for (Running r : proxies.values()) {
            out.add(r.status());
        }
        return out;
    }

    /** The state of the proxy named {@code name}. */
    public synchronized Optional<ProxyStatus> status(String name) {
        Running r = proxies.get(name);
        return r == null ? Optional.empty() : Optional.of(r.status());
    }

    /** Withdraws every proxy (CloseProxy) and stops their health checks; the manager is done. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.cancel(false);
        for (Running r : proxies.values()) {
            stop(r);
        }
        if (control != null) {
            control.flush();
        }
    }

    /** The health check's verdict on {@code r}; the future is the NewProxy or CloseProxy written, if any. */
    private synchronized Future<?> onHealth(Running r, boolean healthy) {
        if (proxies.get(r.config.name()) != r || r.phase == ProxyPhase.CLOSED) {
            return NOTHING_SENT;
        }
        r.healthy = healthy;
        if (healthy) {
            return ask(r);
        }
        Future<?> sent = NOTHING_SENT;
        if (r.phase == ProxyPhase.RUNNING || r.phase == ProxyPhase.WAIT_START) {
            sent = send(new CloseProxy(r.wireName));
        }
        r.phase = ProxyPhase.CHECK_FAILED;
        return sent;
    }

    /** Sends NewProxy for {@code r} when it may be asked for now; the future is its write, if sent. */
    private Future<?> ask(Running r) {
        if (control == null || closed || !r.healthy) {
            return NOTHING_SENT;
        }
        long now = System.nanoTime();
        boolean due = switch (r.phase) {
            case NEW, CHECK_FAILED -> true;
            case WAIT_START -> now - r.sentAt > WAIT_START_TIMEOUT.toNanos();
            case START_ERROR -> now - r.refusedAt > START_ERROR_RETRY.toNanos();
            case RUNNING, CLOSED -> false;
        };
        if (!due) {
            return NOTHING_SENT;
        }
        r.phase = ProxyPhase.WAIT_START;
        r.sentAt = now;
        return send(ProxyMessages.toNewProxy(r.config, user));
    }

    /** Stops {@code r}: CloseProxy when the server may hold it, health check off. */
    private void stop(Running r) {
        if (r.phase == ProxyPhase.RUNNING || r.phase == ProxyPhase.WAIT_START) {
            send(new CloseProxy(r.wireName));
        }
        r.phase = ProxyPhase.CLOSED;
        if (r.health != null) {
            r.health.stop();
        }
        byWireName.remove(r.wireName, r);
    }

    /** Writes {@code m} on the control connection; the future is done once it is written (or failed). */
    private Future<?> send(Message m) {
        return control == null ? NOTHING_SENT : control.writeAndFlush(m);
    }

    private synchronized void tick() {
        for (Running r : proxies.values()) {
            if (r.phase == ProxyPhase.WAIT_START || r.phase == ProxyPhase.START_ERROR) {
                ask(r);
            }
        }
    }
}
