package io.jfrp.server.security;

import io.jfrp.mux.LogBudget;

/**
 * The log budget of every line a peer can cause before it authenticates: a connection to bindPort
 * closed before its Login (whichever listener, transport and class closes it), and a malformed request
 * on vhostHTTPPort. One budget for the process, so the total is bounded however the peer spreads its
 * connections ({@link LogBudget}: {@value LogBudget#DEFAULT_LINES} lines per
 * {@value LogBudget#DEFAULT_WINDOW_MILLIS} ms, then a count of what was left out).
 */
public final class PreAuthLog {
    /** The process's budget. */
    public static final LogBudget BUDGET = new LogBudget();

    private PreAuthLog() {
    }
}
