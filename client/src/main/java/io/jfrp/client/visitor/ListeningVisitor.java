package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.mux.LogBudget;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;

/**
 * A visitor with a local port, its bindAddr:bindPort (stcp and xtcp a TCP listener through
 * {@link TcpVisitorListener}, sudp a UDP socket): its settings, its context, and the channel it
 * listens on, which this class reports and closes. Subclasses bind it in {@link #start}.
 *
 * <p>Whoever reaches the port causes the lines logged per connection (which path it took, why it
 * failed): they go through {@link #connectionLog()}, a budget per visitor, so a flood of connections
 * (a port bound beyond loopback) costs a few lines per window, not one per connection.
 */
public abstract class ListeningVisitor implements Visitor {
    private final VisitorConfig config;
    private final VisitorContext context;
    private final BoundChannel bound = new BoundChannel();
    private final LogBudget connectionLog = new LogBudget();

    protected ListeningVisitor(VisitorConfig config, VisitorContext context) {
        this.config = config;
        this.context = context;
    }

    @Override
    public final VisitorConfig config() {
        return config;
    }

    /** The loops, channel types and session it runs with. */
    protected final VisitorContext context() {
        return context;
    }

    /** Where the subclass records the channel once bound. */
    protected final BoundChannel bound() {
        return bound;
    }

    /** The budget of the lines logged per connection accepted on the port. */
    protected final LogBudget connectionLog() {
        return connectionLog;
    }

    /** The address it listens on, or null. */
    public final InetSocketAddress address() {
        return bound.address();
    }

    /** Closes its port (a subclass that carries more closes that too, then calls this). */
    @Override
    public Future<?> close() {
        return bound.close();
    }
}
