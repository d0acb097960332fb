package io.jfrp.server.security;

import io.jfrp.mux.LogBudget;
import io.netty.channel.Channel;
import org.slf4j.Logger;

/**
 * The lines a peer can cause before it authenticates: a connection to bindPort closed before its Login
 * (whichever listener, transport and class closes it), a refused first message (Login, NewWorkConn,
 * NewVisitorConn: {@link #refusal}), and a malformed request on vhostHTTPPort. They share one
 * {@link LogBudget} per server ({@link ServerSecurity#preAuthLog()}: {@value LogBudget#DEFAULT_LINES}
 * lines per {@value LogBudget#DEFAULT_WINDOW_MILLIS} ms, then a count of what was left out), so the
 * total is bounded however the peer spreads its connections, and servers in one process (tests) do
 * not spend each other's.
 */
public final class PreAuthLog {
    /** For connections that did not come through {@link PreAuthGuard} (pipelines built by hand in tests). */
    private static final LogBudget UNTRACKED = new LogBudget();

    private PreAuthLog() {
    }

    /** The budget of the server that accepted the connection under {@code channel}. */
    public static LogBudget of(Channel channel) {
        PendingConnection pending = PendingConnection.of(channel);
        return pending == null ? UNTRACKED : pending.security().preAuthLog();
    }

    /** Logs at INFO within the budget of the server that accepted {@code channel}. */
    public static void info(Logger log, Channel channel, String format, Object... args) {
        of(channel).info(log, format, args);
    }

    /**
     * Logs at WARN the refusal of what {@code channel} sent: within its server's budget while the
     * connection has not authenticated (anybody can send a Login with a wrong token, a NewWorkConn or a
     * NewVisitorConn naming nothing, one connection after another), as a line of its own once it has
     * (a logged-in client's stream).
     */
    public static void refusal(Logger log, Channel channel, String format, Object... args) {
        if (PendingConnection.isAuthenticated(channel)) {
            log.warn(format, args);
        } else {
            of(channel).warn(log, format, args);
        }
    }
}
