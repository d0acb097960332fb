package io.jfrp.e2e.adversarial;

import io.jfrp.e2e.E2e;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hash-checked echoes through a tunnel's public port, one after another on a thread of its own, for
 * as long as an attack goes on: {@link #stop()} ends them and says how many arrived intact, or throws
 * the first that did not.
 */
final class HealthyTunnel {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CompletableFuture<Integer> echoes;

    private HealthyTunnel(int publicPort, int size) {
        echoes = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            try {
                while (!stop.get() && n < 10_000) {
                    E2e.assertEchoIntact(publicPort, size, 7000 + n);
                    n++;
                }
                return n;
            } catch (Exception | AssertionError e) {
                throw new IllegalStateException("echo " + n + " through the healthy tunnel failed", e);
            }
        });
    }

    /** Starts echoing {@code size}-byte payloads through {@code publicPort}. */
    static HealthyTunnel start(int publicPort, int size) {
        return new HealthyTunnel(publicPort, size);
    }

    /** Stops after the echo under way; the number of intact echoes (at least one, or it throws). */
    int stop() throws Exception {
        stop.set(true);
        int n = echoes.get(60, TimeUnit.SECONDS);
        if (n == 0) {
            throw new AssertionError("no echo went through the healthy tunnel during the attack");
        }
        return n;
    }
}
