package io.jfrp.server.control;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client's work connections: those it opened ahead of need (up to maxPoolCount), and the
 * public connections waiting for one. A public connection takes an idle work connection if there
 * is one; otherwise it waits, up to userConnTimeout, while the control asks the client for
 * another (ReqWorkConn). Each take also asks for one more, so the pool refills as stock frps does.
 *
 * <p>Confined to one executor (the control's event loop): every method must be called on it.
 */
final class WorkConnPool {
    private final EventExecutor executor;
    private final int maxIdle;
    private final Runnable requestOne;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Promise<Channel>> waiters = new ArrayDeque<>();
    private boolean closed;
    /**
     * Takes an idle connection that closed out of the pool. One for the pool, added to each idle
     * connection and removed when the connection is taken, so that a connection in use for hours
     * keeps no listener (and no closure) of the pool.
     */
    private final ChannelFutureListener dropWhenClosed;

    /**
     * @param executor   the control's event loop
     * @param maxIdle    most idle work connections kept (transport.maxPoolCount)
     * @param requestOne sends one ReqWorkConn to the client
     */
    WorkConnPool(EventExecutor executor, int maxIdle, Runnable requestOne) {
        this.executor = executor;
        this.maxIdle = maxIdle;
        this.requestOne = requestOne;
        this.dropWhenClosed = f -> executor.execute(() -> idle.remove(f.channel()));
    }

    /** A work connection arrived from the client (NewWorkConn). */
    void offer(Channel workConn) {
        assert executor.inEventLoop();
        if (closed) {
            workConn.close();
            return;
        }
        Promise<Channel> waiter;
        while ((waiter = waiters.poll()) != null) {
            if (waiter.trySuccess(workConn)) {
                return;
            }
        }
        if (idle.size() >= maxIdle) {
            workConn.close();
            return;
        }
        idle.add(workConn);
        workConn.closeFuture().addListener(dropWhenClosed);
    }

    /**
     * A work connection for one public connection: an idle one at once, or the next to arrive
     * within {@code timeout}; fails with a {@link TimeoutException} after that.
     */
    Future<Channel> take(Duration timeout) {
        assert executor.inEventLoop();
        Promise<Channel> promise = executor.newPromise();
        if (closed) {
            promise.setFailure(new IllegalStateException("client is gone"));
            return promise;
        }
        requestOne.run();
        Channel ch;
        while ((ch = idle.poll()) != null) {
            ch.closeFuture().removeListener(dropWhenClosed);
            if (ch.isActive()) {
                promise.setSuccess(ch);
                return promise;
            }
        }
        waiters.add(promise);
        ScheduledFuture<?> timer = executor.schedule(() -> {
            waiters.remove(promise);
            promise.tryFailure(new TimeoutException("no work connection from the client within " + timeout));
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        promise.addListener(f -> timer.cancel(false));
        return promise;
    }

    int idleCount() {
        return idle.size();
    }

    /** The client went away: idle connections close, waiters fail. */
    void close() {
        assert executor.inEventLoop();
        closed = true;
        Channel ch;
        while ((ch = idle.poll()) != null) {
            ch.close();
        }
        Promise<Channel> waiter;
        while ((waiter = waiters.poll()) != null) {
            waiter.tryFailure(new IllegalStateException("client is gone"));
        }
    }
}
