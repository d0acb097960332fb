package io.jfrp.mux;

/**
 * Which end of the connection a session is. The side that dialled the TCP connection is the
 * client and opens odd stream ids; the side that accepted it is the server and opens even ids.
 */
public enum YamuxRole {
    CLIENT,
    SERVER;

    /** The first stream id this role opens (1 or 2); ids then grow by 2. */
    public int firstStreamId() {
        return this == CLIENT ? 1 : 2;
    }

    /** True when {@code streamId} has the parity of the ids this role opens. */
    public boolean opens(int streamId) {
        return (streamId & 1) == (firstStreamId() & 1);
    }
}
