package io.jfrp.mux;

/**
 * Decides how much a stream's receive window grows when it returns credit, and holds the
 * session-wide budget that bounds the sum of all growth.
 *
 * <h3>Policy</h3>
 * Credit is returned once half the window has been consumed. At that moment the consumption rate
 * since the previous update times the minimum recent RTT (the path's delay without the queueing
 * that bulk data adds) estimates the bandwidth-delay product. If twice that exceeds the window,
 * the window is the bottleneck: it grows to the larger of double its size and twice the estimate,
 * capped by the per-stream maximum and by what is left of the session budget. Windows never shrink;
 * a stream's growth returns to the budget when the stream ends.
 * Without an RTT sample nothing grows (the session asks for one).
 *
 * <h3>Backlog windows</h3>
 * The same budget pays for the initial windows of inbound streams waiting in the accept backlog
 * ({@link #reserve}): nobody reads those streams, so a peer could fill each window at once; the
 * reservation is returned when the stream is accepted (its window is then the application's to
 * read) or ends.
 *
 * <p>Event-loop confined.
 */
final class ReceiveWindowTuner {
    private final boolean enabled;
    private final int maxWindow;
    private final long budget;
    /** Sum over live streams of (window - initial window), plus the reservations of backlog streams. */
    private long budgetUsed;

    ReceiveWindowTuner(YamuxConfig config) {
        this.enabled = config.windowAutoTuning();
        this.maxWindow = config.maxStreamWindow();
        this.budget = config.sessionWindowBudget();
    }

    /**
     * How many bytes to add to {@code window} now, given {@code consumed} bytes read over
     * {@code elapsedNanos} and the minimum recent RTT ({@code 0} when unknown). Charges the budget.
     */
    int growth(int window, long consumed, long elapsedNanos, long rttNanos) {
        if (!enabled || window >= maxWindow || rttNanos <= 0) {
            return 0;
        }
        double bdp = (double) consumed * rttNanos / Math.max(elapsedNanos, 1);
        if (2 * bdp <= window) {
            return 0;
        }
        long target = Math.min(maxWindow, Math.max(2L * window, (long) Math.ceil(2 * bdp)));
        long grow = Math.min(target - window, budget - budgetUsed);
        if (grow <= 0) {
            return 0;
        }
        budgetUsed += grow;
        return (int) grow;
    }

    /** Takes {@code bytes} from the budget if that much is left; false (and nothing taken) otherwise. */
    boolean reserve(long bytes) {
        if (budget - budgetUsed < bytes) {
            return false;
        }
        budgetUsed += bytes;
        return true;
    }

    /** Returns what {@link #reserve} took. */
    void unreserve(long bytes) {
        budgetUsed -= bytes;
    }

    /** Gives a finished stream's growth back to the budget. */
    void release(int window) {
        budgetUsed -= window - YamuxConfig.INITIAL_WINDOW;
    }

    /** Bytes of the budget in use. */
    long budgetUsed() {
        return budgetUsed;
    }

    boolean enabled() {
        return enabled;
    }
}
