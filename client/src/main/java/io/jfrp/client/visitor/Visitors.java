package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.config.model.visitor.VisitorType;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * jfrpc's visitors (frp's visitor {@code Manager}): one {@link Visitor} per configured visitor, made
 * by the factory registered for its type, and the session they reach the server through.
 *
 * <h3>Lifecycle</h3>
 * {@link #start()} binds every visitor's port when jfrpc starts. A visitor whose port cannot be bound
 * (in use by another program, or not yet released by one just closed) is logged and tried again,
 * made afresh from its settings, every {@value #RETRY_MILLIS} ms until it starts, is removed or
 * changed, or jfrpc stops: frp's visitor manager does the same on its 10-second check, logging
 * "start error" and "try to start visitor". The ports stay bound across
 * reconnects: while there is no session ({@link #link} not yet called, or {@link #unlink} after a
 * disconnect) a user's connection, or an sudp visitor's first datagrams, wait up to 10 s for one
 * ({@link VisitorConnections}); then the connection is closed and the datagrams dropped, with a log
 * line.
 *
 * <h3>Reload</h3>
 * {@link #update} makes the running visitors a new list, as frp's {@code UpdateAll} on a reload or a
 * store change: an equal visitor is left alone, a removed one closes, a changed one closes and starts
 * again with its new settings, a new one starts. The new ones bind once the closed ones' ports are
 * released, so a visitor may move to a port another one has just left. Before {@link #start()} an
 * update only changes the list (the store's visitors join the file's before jfrpc starts).
 *
 * <p>Thread-safe: the list is guarded by this.
 */
public final class Visitors implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Visitors.class);
    /** How long a visitor whose start failed waits before the next try (frp's check interval). */
    static final long RETRY_MILLIS = 10_000;

    private final long retryMillis;

    private final Map<VisitorType, VisitorFactory> factories;
    /** The context each visitor is made with: the given one with this manager's link. */
    private final VisitorContext linked;
    /** The visitors by name, in configuration order; guarded by this. */
    private final Map<String, Visitor> visitors = new LinkedHashMap<>();
    /** Whether {@link #start()} has run (visitors made later start at once); guarded by this. */
    private boolean started;
    /** Whether {@link #close()} has run; guarded by this. */
    private boolean closed;
    private final AtomicReference<ServerLink> link = new AtomicReference<>();

    /**
     * @param configs   the visitors to run
     * @param factories the factory of each type jfrpc runs
     * @param context   what they share; its link supplier is replaced by this manager's
     * @throws IllegalArgumentException for a visitor whose type has no factory
     */
    public Visitors(List<VisitorConfig> configs, Map<VisitorType, VisitorFactory> factories, VisitorContext context) {
        this(configs, factories, context, RETRY_MILLIS);
    }

    /** As the public constructor, trying a failed start again after {@code retryMillis} (tests). */
    Visitors(List<VisitorConfig> configs, Map<VisitorType, VisitorFactory> factories, VisitorContext context,
             long retryMillis) {
        this.factories = factories;
        this.retryMillis = retryMillis;
        this.linked = new VisitorContext(context.user(), context.loops(), context.serverChannel(),
                context.datagramChannel(), context.udpPacketSize(), link::get);
        requireFactories(configs);
        configs.forEach(c -> visitors.put(c.name(), factories.get(c.type()).create(c, linked)));
    }

    private void requireFactories(List<VisitorConfig> configs) {
        for (VisitorConfig c : configs) {
            if (!factories.containsKey(c.type())) {
                throw new IllegalArgumentException("visitor [" + c.name() + "]: type " + c.type().frpName()
                        + " is not registered");
            }
        }
    }

    /** A registry of visitor factories, one line per type: {@code Visitors.registry().add(...).build()}. */
    public static Registry registry() {
        return new Registry();
    }

    /** Binds every visitor's port; failures are logged. Once: a second call does nothing. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        visitors.values().forEach(this::start);
    }

    private void start(Visitor v) {
        v.start().addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("[{}] visitor start error: {} (trying again in {} ms)", v.config().name(),
                        f.cause().getMessage(), retryMillis);
                try {
                    linked.loops().schedule(() -> retry(v), retryMillis, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopping) {
                    // the loops are shut down: jfrpc is stopping, nothing to retry
                }
            }
        });
    }

    /**
     * Starts a visitor made afresh in place of {@code failed}, if {@code failed} is still the running
     * one (not removed, changed or closed since); as frp, which makes a new visitor on each try.
     */
    private synchronized void retry(Visitor failed) {
        String name = failed.config().name();
        if (closed || visitors.get(name) != failed) {
            return;
        }
        failed.close();
        Visitor again = factories.get(failed.config().type()).create(failed.config(), linked);
        visitors.put(name, again);
        log.info("[{}] try to start visitor", name);
        start(again);
    }

    /**
     * Makes the running visitors {@code wanted} (a reload, a store change): only the difference is
     * applied (see the class comment).
     *
     * @return the names of the visitors closed (removed or changed) and made (changed or added)
     * @throws IllegalArgumentException when a visitor's type has no factory (nothing changes then)
     */
    public synchronized Changes update(List<VisitorConfig> wanted) {
        requireFactories(wanted);
        Map<String, VisitorConfig> byName = new LinkedHashMap<>();
        wanted.forEach(c -> byName.put(c.name(), c));
        List<String> gone = new ArrayList<>();
        List<Future<?>> closing = new ArrayList<>();
        for (Iterator<Visitor> it = visitors.values().iterator(); it.hasNext(); ) {
            Visitor v = it.next();
            if (!v.config().equals(byName.get(v.config().name()))) {
                it.remove();
                gone.add(v.config().name());
                closing.add(v.close());
            }
        }
        List<Visitor> made = new ArrayList<>();
        Map<String, Visitor> next = new LinkedHashMap<>();
        for (VisitorConfig c : byName.values()) {
            Visitor v = visitors.get(c.name());
            if (v == null) {
                v = factories.get(c.type()).create(c, linked);
                made.add(v);
            }
            next.put(c.name(), v);
        }
        visitors.clear();
        visitors.putAll(next);
        if (started) {
            whenAllDone(closing, () -> startIfCurrent(made));
        }
        List<String> madeNames = made.stream().map(v -> v.config().name()).toList();
        if (!gone.isEmpty() || !made.isEmpty()) {
            log.info("visitors updated: closed {}, made {}", gone, madeNames);
        }
        return new Changes(gone, madeNames);
    }

    /** Starts those of {@code made} still running (neither closed since, nor replaced by a later update). */
    private synchronized void startIfCurrent(List<Visitor> made) {
        for (Visitor v : made) {
            if (!closed && visitors.get(v.config().name()) == v) {
                start(v);
            }
        }
    }

    /** The names of the visitors an {@link #update} closed and those it made (a changed one is in both). */
    public record Changes(List<String> closed, List<String> made) {
    }

    /**
     * Runs {@code then} once every future is done (at once when there is none), on the thread that
     * completes the last one.
     *
     * <p>Not Netty's {@code PromiseCombiner}: it must be fed and finished on one executor's thread
     * (it throws "Must be called from EventExecutor thread" otherwise) and counts without
     * synchronisation, while {@link #update} runs on the caller's thread (a reload) and the closes
     * complete on the visitors' own loops. With {@code ImmediateEventExecutor} its count would race;
     * with one loop, every update would hop onto it and fail once the loops are shut down.
     */
    private static void whenAllDone(List<Future<?>> futures, Runnable then) {
        AtomicInteger left = new AtomicInteger(futures.size() + 1);
        Runnable one = () -> {
            if (left.decrementAndGet() == 0) {
                then.run();
            }
        };
        futures.forEach(f -> f.addListener(done -> one.run()));
        one.run();
    }

    /** The visitors, in configuration order. */
    public synchronized List<Visitor> visitors() {
        return List.copyOf(visitors.values());
    }

    /** The visitor named {@code name}. */
    public synchronized Optional<Visitor> visitor(String name) {
        return Optional.ofNullable(visitors.get(name));
    }

    /** From now on visitors reach the server through {@code session}. */
    public void link(ServerLink session) {
        link.set(session);
    }

    /** {@code session} has ended: visitors wait for the next one. */
    public void unlink(ServerLink session) {
        link.compareAndSet(session, null);
    }

    @Override
    public synchronized void close() {
        closed = true;
        link.set(null);
        visitors.values().forEach(Visitor::close);
    }

    /** Collects one factory per visitor type. Not thread-safe. */
    public static final class Registry {
        private final Map<VisitorType, VisitorFactory> factories = new EnumMap<>(VisitorType.class);

        private Registry() {
        }

        public Registry add(VisitorType type, VisitorFactory factory) {
            if (factories.putIfAbsent(type, factory) != null) {
                throw new IllegalArgumentException("visitor type " + type.frpName() + " registered twice");
            }
            return this;
        }

        public Map<VisitorType, VisitorFactory> build() {
            return Collections.unmodifiableMap(new EnumMap<>(factories));
        }
    }
}
