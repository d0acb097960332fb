package io.jfrp.mux;

/**
 * What a session reports as it happens, for a program's metrics (jfrps counts open streams and
 * window stalls across all its sessions). Every method has a no-op default. Called on the
 * session's event loop: implementations must be cheap and must not block (an atomic add).
 */
public interface YamuxSessionListener {
    /** Does nothing. */
    YamuxSessionListener NONE = new YamuxSessionListener() {
    };

    /** A stream's child channel was registered: opened by either side and accepted. */
    default void streamOpened() {
    }

    /** A stream's child channel closed (graceful, reset, or with its session); once per opened stream. */
    default void streamClosed() {
    }

    /**
     * A stream had data to send and no send window left for it: it waits for the peer's
     * WindowUpdate. Counted once each time the window runs out with data still queued.
     */
    default void windowStalled() {
    }
}
