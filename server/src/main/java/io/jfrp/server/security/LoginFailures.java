package io.jfrp.server.security;

import io.jfrp.config.model.LoginBackoff;
import io.jfrp.mux.LogBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Failed logins per source address, and the addresses refused for them (jfrp.security.loginFailure*,
 * loginBackoff). After {@link LoginBackoff#failureLimit()} failures within the window an address is
 * refused for the back-off, twice as long each time it happens again, up to the maximum. The refusal
 * is logged once when it starts (not per attempt), its end once, both within the server's budget of
 * pre-authentication lines (a peer with many addresses makes a refusal per address); a successful
 * login forgets the address.
 *
 * <h3>Memory</h3>
 * At most {@link #MAX_ADDRESSES} addresses are remembered (least recently failed first out), each with
 * at most {@code failureLimit} timestamps, so an attacker with many addresses cannot grow it.
 *
 * <p>Thread-safe: one lock, held for map operations only.
 */
final class LoginFailures {
    private static final Logger log = LoggerFactory.getLogger(LoginFailures.class);
    /** Addresses remembered at once. */
    static final int MAX_ADDRESSES = 65_536;

    private final LoginBackoff settings;
    private final LongSupplier nanoTime;
    private final LogBudget lines;
    private final Map<InetAddress, Entry> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Entry> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /** One address: its recent failures and its refusal. */
    private static final class Entry {
        final ArrayDeque<Long> failures = new ArrayDeque<>();
        long refusedUntil;
        boolean refused;
        /** Refusals so far: the next lasts backoff * 2^refusals. */
        int refusals;
        long lastFailure;
    }

    LoginFailures(LoginBackoff settings, LongSupplier nanoTime, LogBudget lines) {
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.lines = lines;
    }

    /** Whether new connections from {@code address} are refused now. */
    synchronized boolean isRefused(InetAddress address) {
        if (!settings.enabled()) {
            return false;
        }
        Entry e = byAddress.get(address);
        if (e == null || !e.refused) {
            return false;
        }
        if (nanoTime.getAsLong() - e.refusedUntil >= 0) {
            e.refused = false;
            lines.info(log, "no longer refusing {}", address.getHostAddress());
            return false;
        }
        return true;
    }

    /** A login (or work connection) from {@code address} was refused. */
    synchronized void failed(InetAddress address) {
        if (!settings.enabled()) {
            return;
        }
        long now = nanoTime.getAsLong();
        Entry e = byAddress.computeIfAbsent(address, a -> new Entry());
        long window = settings.window().toNanos();
        if (e.refusals > 0 && now - e.lastFailure > Math.max(window, settings.maxBackoff().toNanos()) * 2) {
            e.refusals = 0; // quiet for long enough: start again from the first back-off
        }
        e.lastFailure = now;
        e.failures.addLast(now);
        while (!e.failures.isEmpty() && now - e.failures.peekFirst() > window) {
            e.failures.removeFirst();
        }
        if (e.failures.size() >= settings.failureLimit() && !e.refused) {
            long backoff = Math.min(settings.backoff().toNanos() << Math.min(e.refusals, 30),
                    settings.maxBackoff().toNanos());
            if (backoff <= 0) {
                backoff = settings.maxBackoff().toNanos();
            }
            e.refusals++;
            e.refused = true;
            e.refusedUntil = now + backoff;
            lines.warn(log, "refusing connections from {} for {} s after {} failed logins within {} s (jfrp.security"
                            + ".loginFailureLimit)", address.getHostAddress(), TimeUnit.NANOSECONDS.toSeconds(backoff),
                    e.failures.size(), settings.window().toSeconds());
            e.failures.clear();
        }
    }

    /** A login from {@code address} succeeded: its failures are forgotten (a refusal stands). */
    synchronized void succeeded(InetAddress address) {
        Entry e = byAddress.get(address);
        if (e != null && !e.refused) {
            byAddress.remove(address);
        }
    }

    /** Addresses refused now. */
    synchronized int refusedNow() {
        long now = nanoTime.getAsLong();
        int n = 0;
        for (Iterator<Entry> it = byAddress.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.refused && now - e.refusedUntil < 0) {
                n++;
            }
        }
        return n;
    }

    /** Addresses remembered (tests). */
    synchronized int remembered() {
        return byAddress.size();
    }
}
