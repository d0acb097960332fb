package io.jfrp.protocol.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The check shared by every frp key: {@code key == hex(MD5(secret + timestamp))} in constant time,
 * then, unless the window is zero, {@code |timestamp - now| <= window}. The key is checked first,
 * so an unauthenticated peer learns nothing about the server's clock.
 */
final class TimedKeyCheck {
    private static final Logger log = LoggerFactory.getLogger(TimedKeyCheck.class);

    private final Duration freshnessWindow;
    private final Clock clock;

    TimedKeyCheck(Duration freshnessWindow, Clock clock) {
        if (freshnessWindow.isNegative()) {
            throw new IllegalArgumentException("freshness window must not be negative: " + freshnessWindow);
        }
        this.freshnessWindow = freshnessWindow;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    /**
     * @param what        names the message in our log reason ("login", "heartbeat", ...)
     * @param clientError stock frps' detailed error for a wrong key
     * @param summary     stock frps' summary error
     */
    void check(String key, long timestamp, String secret, String what, String clientError, String summary)
            throws AuthenticationException {
        if (!AuthKeys.keysEqual(AuthKeys.privilegeKey(secret, timestamp), key)) {
            String reason = key.isEmpty()
                    ? what + ": no key (is the client's auth method or additionalScopes different?)"
                    : what + ": key does not match the configured secret for timestamp " + timestamp;
            log.debug("authentication failed: {}", reason);
            throw new AuthenticationException(reason, clientError, summary);
        }
        if (!freshnessWindow.isZero()) {
            long now = nowSeconds();
            // Clamped so that now ± window cannot overflow; no real window is near 2^40 s.
            long window = Math.min(freshnessWindow.toSeconds(), 1L << 40);
            if (timestamp < now - window || timestamp > now + window) {
                String reason = String.format("%s: timestamp %d is %s the server's clock (%d) by more than the"
                                + " allowed %d s; a replayed message or a wrong client clock", what, timestamp,
                        timestamp < now ? "behind" : "ahead of", now, window);
                log.debug("authentication failed: {}", reason);
                throw new AuthenticationException(reason,
                        what + " timestamp is too far from the server's time, check the client's clock", summary);
            }
        }
    }
}
