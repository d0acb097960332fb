package io.jfrp.client.transport;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * A {@link ServerSession} that ends only when closed, never on an error of its own: the first
 * {@link #close()} completes {@link #closeFuture()} and closes the connections the session made
 * ({@link #closeConnections()}); later calls do nothing. {@code DialingServerSession} is one, and so
 * are tests' in-process sessions.
 *
 * <p>Thread-safe if {@link #closeConnections()} is.
 */
public abstract class OwnedConnectionsSession implements ServerSession {
    private final Promise<Void> closed;

    /** @param closed the promise {@link #closeFuture()} returns, completed by the first {@link #close()} */
    protected OwnedConnectionsSession(Promise<Void> closed) {
        this.closed = closed;
    }

    /** Closes the connections the session made that are still open; called once, by the first {@link #close()}. */
    protected abstract void closeConnections();

    /** Whether {@link #close()} was called: a connection that completes now should be closed. */
    protected final boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public final Future<?> closeFuture() {
        return closed;
    }

    /** Always null: such a session ends only by {@link #close()}. */
    @Override
    public final Throwable terminationCause() {
        return null;
    }

    @Override
    public final void close() {
        if (closed.trySuccess(null)) {
            closeConnections();
        }
    }
}
