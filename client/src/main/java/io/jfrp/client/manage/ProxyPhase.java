package io.jfrp.client.manage;

import java.util.Locale;

/**
 * Where a proxy stands with the server, frp's {@code ProxyPhase*}. Each constant is named after frp's
 * text ({@code /api/status}): {@link #text()} is the name in lower case with spaces.
 */
public enum ProxyPhase {
    /** Not asked for yet: not logged in, or its health check has not passed yet. */
    NEW,
    /** NewProxy sent, no answer yet. */
    WAIT_START,
    /** The server refused it (its error is kept); asked again after a while. */
    START_ERROR,
    /** The server serves it. */
    RUNNING,
    /** Its health check failed: withdrawn from the server (CloseProxy) until it passes again. */
    CHECK_FAILED,
    /** Stopped: removed by a reload, or the client is stopping. */
    CLOSED;

    /** frp's text: {@code "wait start"} for {@link #WAIT_START}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
