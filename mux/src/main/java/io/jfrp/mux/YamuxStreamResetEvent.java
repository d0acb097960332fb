package io.jfrp.mux;

/**
 * Fired on a stream's pipeline when the peer resets the stream (RST), just before the stream
 * closes: both directions ended abruptly, unread data was discarded and unsent writes fail.
 */
public final class YamuxStreamResetEvent {
    public static final YamuxStreamResetEvent INSTANCE = new YamuxStreamResetEvent();

    private YamuxStreamResetEvent() {
    }

    @Override
    public String toString() {
        return "YamuxStreamResetEvent";
    }
}
