package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.config.model.visitor.VisitorType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * jfrpc's visitors (frp's visitor {@code Manager}): one {@link Visitor} per configured visitor, made
 * by the factory registered for its type, and the session they reach the server through.
 *
 * <h3>Lifecycle</h3>
 * {@link #start()} binds every visitor's port when jfrpc starts; a port that cannot be bound is
 * logged and that visitor stays down (as frpc, which logs "start error"). The ports stay bound across
 * reconnects: while there is no session ({@link #link} not yet called, or {@link #unlink} after a
 * disconnect) a user's connection, or an sudp visitor's first datagrams, wait up to 10 s for one
 * ({@link VisitorConnections}); then the connection is closed and the datagrams dropped, with a log
 * line.
 *
 * <p>Thread-safe.
 */
public final class Visitors implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Visitors.class);

    private final List<Visitor> visitors = new ArrayList<>();
    private final AtomicReference<ServerLink> link = new AtomicReference<>();

    /**
     * @param configs   the visitors to run
     * @param factories the factory of each type jfrpc runs
     * @param context   what they share; its link supplier is replaced by this manager's
     * @throws IllegalArgumentException for a visitor whose type has no factory
     */
    public Visitors(List<VisitorConfig> configs, Map<VisitorType, VisitorFactory> factories, VisitorContext context) {
        VisitorContext linked = new VisitorContext(context.user(), context.loops(), context.serverChannel(),
                context.datagramChannel(), context.udpPacketSize(), link::get);
        for (VisitorConfig c : configs) {
            VisitorFactory factory = factories.get(c.type());
            if (factory == null) {
                throw new IllegalArgumentException("visitor [" + c.name() + "]: type " + c.type().frpName()
                        + " is not registered");
            }
            visitors.add(factory.create(c, linked));
        }
    }

    /** A registry of visitor factories, one line per type: {@code Visitors.registry().add(...).build()}. */
    public static Registry registry() {
        return new Registry();
    }

    /** Binds every visitor's port; failures are logged. */
    public void start() {
        for (Visitor v : visitors) {
            v.start().addListener(f -> {
                if (!f.isSuccess()) {
                    log.warn("[{}] visitor start error: {}", v.config().name(), f.cause().getMessage());
                }
            });
        }
    }

    /** The visitors, in configuration order. */
    public List<Visitor> visitors() {
        return Collections.unmodifiableList(visitors);
    }

    /** The visitor named {@code name}. */
    public Optional<Visitor> visitor(String name) {
        return visitors.stream().filter(v -> v.config().name().equals(name)).findFirst();
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
    public void close() {
        link.set(null);
        for (Visitor v : visitors) {
            v.close();
        }
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
