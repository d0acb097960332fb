package io.jfrp.client.servers;

import io.jfrp.config.model.ServerAddress;

import java.time.Clock;
import java.time.Instant;

/**
 * The state of one connection of jfrpc to one server, as its client moves it: connecting, online,
 * retrying after a loss or a failed attempt, closed. Read as a {@link ServerLinkStatus}.
 *
 * <p>Thread-safe: the connection's event loops move it and any thread reads it; {@code this} guards
 * every field.
 */
public final class ServerLink {
    private final ServerAddress server;
    private final Clock clock;
    private LinkState state = LinkState.CONNECTING;
    private String runId = "";
    private Instant since;
    private String lastError = "";
    private long logins;
    private long failures;

    public ServerLink(ServerAddress server, Clock clock) {
        this.server = server;
        this.clock = clock;
        this.since = clock.instant();
    }

    public ServerAddress server() {
        return server;
    }

    /** An attempt (the first or a reconnect) started. */
    public synchronized void connecting() {
        move(LinkState.CONNECTING);
    }

    /** The login succeeded with {@code runId}. */
    public synchronized void online(String runId) {
        this.runId = runId == null ? "" : runId;
        logins++;
        move(LinkState.ONLINE);
    }

    /** The attempt failed, or the connection was lost, because of {@code reason}; another is scheduled. */
    public synchronized void retrying(String reason) {
        lastError = reason == null ? "" : reason;
        failures++;
        move(LinkState.RETRYING);
    }

    /** The client stopped. */
    public synchronized void closed() {
        move(LinkState.CLOSED);
    }

    public synchronized boolean isOnline() {
        return state == LinkState.ONLINE;
    }

    public synchronized ServerLinkStatus status() {
        return new ServerLinkStatus(server, state, runId, since, lastError, logins, failures);
    }

    private void move(LinkState to) {
        if (state != LinkState.CLOSED && state != to) {
            state = to;
            since = clock.instant();
        }
    }
}
