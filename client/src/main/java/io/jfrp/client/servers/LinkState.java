package io.jfrp.client.servers;

import java.util.Locale;

/** Where one connection of jfrpc to one server stands; {@link #text()} is its name in lower case. */
public enum LinkState {
    /** Dialing, or logged-in not yet. */
    CONNECTING,
    /** Logged in: the server has every proxy and may send public connections. */
    ONLINE,
    /** Lost or refused; the next attempt is scheduled (its own backoff). */
    RETRYING,
    /** Stopped: the client was closed, or gave up (loginFailExit). */
    CLOSED;

    /** The word the status JSON and table use: {@code "online"} for {@link #ONLINE}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
