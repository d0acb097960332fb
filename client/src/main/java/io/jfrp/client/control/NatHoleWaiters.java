package io.jfrp.client.control;

import io.jfrp.protocol.msg.NatHoleResp;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The xtcp requests of one control stream waiting for their NatHoleResp, by transaction id (frp's
 * {@code msg.Transporter.Do}). Each waits {@value #TIMEOUT_SECONDS} s; a response nobody waits for is
 * dropped. At most {@value #MAX_WAITING} wait at once, so a flood of visitors cannot grow the table.
 *
 * <p>Thread-safe (guarded by this).
 */
final class NatHoleWaiters {
    static final int TIMEOUT_SECONDS = 5;
    static final int MAX_WAITING = 1024;

    private final Map<String, Promise<NatHoleResp>> waiting = new HashMap<>();

    /** Registers a wait; the caller then sends the request. */
    synchronized Future<NatHoleResp> await(EventExecutor executor, String transactionId) {
        Promise<NatHoleResp> promise = executor.newPromise();
        if (waiting.size() >= MAX_WAITING) {
            return promise.setFailure(new IOException("too many xtcp requests waiting for the server"));
        }
        if (waiting.putIfAbsent(transactionId, promise) != null) {
            return promise.setFailure(new IllegalStateException("transaction id " + transactionId + " in use"));
        }
        ScheduledFuture<?> timeout = executor.schedule(() -> {
            remove(transactionId, promise);
            promise.tryFailure(new IOException("no NatHoleResp from the server within " + TIMEOUT_SECONDS + " s"));
        }, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        promise.addListener(f -> timeout.cancel(false));
        return promise;
    }

    /** A NatHoleResp arrived: whoever waits for its transaction id gets it. */
    void complete(NatHoleResp resp) {
        Promise<NatHoleResp> p;
        synchronized (this) {
            p = waiting.remove(resp.transactionId());
        }
        if (p != null) {
            p.trySuccess(resp);
        }
    }

    /** The session ended: every wait fails. */
    void failAll(Throwable cause) {
        Map<String, Promise<NatHoleResp>> all;
        synchronized (this) {
            all = new HashMap<>(waiting);
            waiting.clear();
        }
        all.values().forEach(p -> p.tryFailure(cause));
    }

    private synchronized void remove(String transactionId, Promise<NatHoleResp> promise) {
        waiting.remove(transactionId, promise);
    }
}
