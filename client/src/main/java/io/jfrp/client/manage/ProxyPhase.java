package io.jfrp.client.manage;

/** Where a proxy stands with the server, frp's {@code ProxyPhase*} with their texts ({@code /api/status}). */
public enum ProxyPhase {
    /** Not asked for yet: not logged in, or its health check has not passed yet. */
    NEW("new"),
    /** NewProxy sent, no answer yet. */
    WAIT_START("wait start"),
    /** The server refused it (its error is kept); asked again after a while. */
    START_ERROR("start error"),
    /** The server serves it. */
    RUNNING("running"),
    /** Its health check failed: withdrawn from the server (CloseProxy) until it passes again. */
    CHECK_FAILED("check failed"),
    /** Stopped: removed by a reload, or the client is stopping. */
    CLOSED("closed");

    private final String text;

    ProxyPhase(String text) {
        this.text = text;
    }

    /** frp's text. */
    public String text() {
        return text;
    }
}
