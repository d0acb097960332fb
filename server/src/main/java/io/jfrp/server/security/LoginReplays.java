package io.jfrp.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Logins accepted within the freshness window (jfrp.loginMaxSkew), so that a captured Login cannot
 * be replayed. frp's key is {@code md5(token + timestamp)}: a pair of (timestamp, key) accepted twice
 * is a copy, or another client of the same token that logged in in the same second (several jfrpc
 * sharing a token, or one reconnecting 200 ms after a loss).
 *
 * <h3>The rule</h3>
 * A copy can only have been taken from a Login that travelled in the clear (no TLS). So a second
 * Login with the same user, key and timestamp is accepted as long as every one accepted before came
 * under TLS: it is another holder of the token, whoever and however it connects. Once one came in the
 * clear, a later one may be its copy: a table user's is refused; with the shared token it is refused
 * once the grace (jfrp.security.loginReplayGrace) has passed since the first, which a same-second
 * login of another client does not reach. Nothing else in a Login tells a copy from an honest twin:
 * its other fields, run_id included, are not covered by the key, and whoever replays can change them.
 * Only Logins whose key was verified are remembered, so an unauthenticated peer cannot fill this.
 *
 * <h3>Memory</h3>
 * An entry is needed only while its timestamp is within the window of the clock (after that the
 * freshness check refuses the Login anyway), so it is dropped then. At most {@link #MAX_ENTRIES} are
 * kept: past it the oldest goes (logged once), which only matters for someone holding a token and
 * logging in more than that many times within the window. With the freshness check off (skew 0)
 * entries leave only by that cap.
 *
 * <p>Thread-safe.
 */
final class LoginReplays {
    private static final Logger log = LoggerFactory.getLogger(LoginReplays.class);
    /** Logins remembered at once. */
    static final int MAX_ENTRIES = 65_536;

    private final long windowSeconds;
    private final long graceMillis;
    private final int maxEntries;
    /** "user key timestamp" to when it was first accepted; in arrival order. */
    private final LinkedHashMap<String, Entry> seen = new LinkedHashMap<>();
    private boolean warnedFull;

    /** @param inClear whether one of the Logins accepted with it travelled without TLS (could be copied) */
    private record Entry(long firstMillis, long forgetAtSeconds, boolean inClear) {
    }

    LoginReplays(Duration window, Duration grace) {
        this(window, grace, MAX_ENTRIES);
    }

    LoginReplays(Duration window, Duration grace, int maxEntries) {
        this.windowSeconds = window.toSeconds();
        this.graceMillis = grace.toMillis();
        this.maxEntries = maxEntries;
    }

    /**
     * Records a verified Login; false when it may be a replay: the same user, key and timestamp were
     * accepted before, one of them in the clear, they have not expired, and either {@code strict} or
     * the grace has passed.
     *
     * @param inClear   whether this Login travelled without TLS
     * @param nowMillis the server's clock, unix milliseconds
     * @param strict    no grace (a user of jfrp.users)
     */
    synchronized boolean firstTime(String user, String privilegeKey, long timestamp, boolean inClear, long nowMillis,
                                   boolean strict) {
        expire(nowMillis / 1000);
        String id = user + ' ' + privilegeKey + ' ' + timestamp;
        Entry first = seen.get(id);
        if (first != null && !first.inClear()) {
            if (inClear) {
                seen.put(id, new Entry(first.firstMillis(), first.forgetAtSeconds(), true)); // keeps its place
            }
            return true;
        }
        if (first != null) {
            return !strict && nowMillis - first.firstMillis() < graceMillis;
        }
        if (seen.size() >= maxEntries) {
            Iterator<Map.Entry<String, Entry>> it = seen.entrySet().iterator();
            it.next();
            it.remove();
            if (!warnedFull) {
                warnedFull = true;
                log.warn("more than {} logins within jfrp.loginMaxSkew: the oldest are forgotten by the replay check",
                        maxEntries);
            }
        }
        seen.put(id, new Entry(nowMillis, windowSeconds == 0 ? Long.MAX_VALUE : timestamp + windowSeconds, inClear));
        return true;
    }

    /** Drops entries from the head while they have expired (entries arrive roughly in time order). */
    private void expire(long nowSeconds) {
        for (Iterator<Entry> it = seen.values().iterator(); it.hasNext(); ) {
            if (it.next().forgetAtSeconds() < nowSeconds) {
                it.remove();
            } else {
                break;
            }
        }
    }

    synchronized int size() {
        return seen.size();
    }
}
