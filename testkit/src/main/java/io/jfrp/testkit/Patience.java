package io.jfrp.testkit;

import java.time.Duration;

/**
 * How long a test waits for something that must happen: a datagram, a response, a port that serves.
 *
 * <p>Such a bound is a hang detector, not a measurement: a test that works never reaches it. It is
 * generous because the machines that run the suite are shared; at a load of 30 on two cores a cold
 * JVM's first request through Netty and Jackson takes tens of seconds, and a bound of 5 or 10 s
 * failed tests that would have passed. It stays under JUnit's default timeout (120 s, in
 * {@code junit-platform.properties}) so that the test's own message, not the timeout's, says what
 * was missing. Waits that check that something does <em>not</em> happen are short on purpose and do
 * not use it.
 */
public final class Patience {
    /** The bound on waiting for what must happen. */
    public static final Duration WAIT = Duration.ofSeconds(60);
    /** {@link #WAIT} in milliseconds, for APIs that take an int. */
    public static final int WAIT_MILLIS = (int) WAIT.toMillis();

    private Patience() {
    }
}
