package io.jfrp.config.model;

import java.time.Duration;

/**
 * What happens to an address whose logins keep failing ({@code jfrp.security.loginFailure*}): after
 * {@code failureLimit} failures within {@code window}, every new connection from it is closed at once
 * for {@code backoff}; each time the limit is reached again the refusal lasts twice as long, up to
 * {@code maxBackoff}. A successful login from the address forgets its failures.
 *
 * @param failureLimit failed logins (and refused work connections) before the address is refused;
 *                     0 = never refused
 * @param window       how far back failures count
 * @param backoff      the first refusal
 * @param maxBackoff   the longest refusal
 */
public record LoginBackoff(int failureLimit, Duration window, Duration backoff, Duration maxBackoff) {
    /** The defaults of reference.conf. */
    public static final LoginBackoff DEFAULTS = new LoginBackoff(10, Duration.ofMinutes(1), Duration.ofMinutes(1),
            Duration.ofMinutes(15));

    public LoginBackoff {
        PreAuthLimits.notNegative(failureLimit, "jfrp.security.loginFailureLimit");
        PreAuthLimits.positive(window, "jfrp.security.loginFailureWindow");
        PreAuthLimits.positive(backoff, "jfrp.security.loginBackoff");
        PreAuthLimits.positive(maxBackoff, "jfrp.security.maxLoginBackoff");
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("jfrp.security.maxLoginBackoff (" + maxBackoff
                    + ") must not be less than jfrp.security.loginBackoff (" + backoff + ")");
        }
    }

    /** Whether addresses are ever refused. */
    public boolean enabled() {
        return failureLimit > 0;
    }
}
