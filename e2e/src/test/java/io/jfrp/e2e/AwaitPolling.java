package io.jfrp.e2e;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * Awaitility's default poll for e2e's tests: every 20 ms instead of its 100 ms, and the first look after
 * 20 ms instead of 100 ms (Awaitility's first look waits one poll interval unless told otherwise).
 * Registered for every e2e class through the services file (JUnit's extension autodetection, as
 * testkit's leak check is). An {@code await()} waits for something the test does not measure (a proxy
 * up, a client logged in, a count reached) and found it up to 100 ms late, the first look never
 * earlier than 100 ms. What each await checks and how long it may take ({@code atMost}) are unchanged;
 * the awaits that compare one look with the previous one (a count that stood still for a second) set
 * their own interval and keep it.
 */
public final class AwaitPolling implements BeforeAllCallback {
    /** The interval, and the delay before the first look, of an {@code await()} that sets neither. */
    public static final Duration POLL = Duration.ofMillis(20);

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollInterval(POLL);
        Awaitility.setDefaultPollDelay(POLL);
    }
}
