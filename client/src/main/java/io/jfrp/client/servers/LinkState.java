package io.jfrp.client.servers;

/** Where one connection of jfrpc to one server stands. */
public enum LinkState {
    /** Dialing, or logged-in not yet. */
    CONNECTING("connecting"),
    /** Logged in: the server has every proxy and may send public connections. */
    ONLINE("online"),
    /** Lost or refused; the next attempt is scheduled (its own backoff). */
    RETRYING("retrying"),
    /** Stopped: the client was closed, or gave up (loginFailExit). */
    CLOSED("closed");

    private final String text;

    LinkState(String text) {
        this.text = text;
    }

    /** The word the status JSON and table use. */
    public String text() {
        return text;
    }
}
