package io.jfrp.mux;

import io.netty.channel.ChannelId;

/**
 * A stream's channel id: the connection's id and the stream id. Cheap, and readable in logs.
 *
 * @param parentId the id of the connection the session runs on
 * @param streamId the yamux stream id (unsigned)
 */
record YamuxStreamChannelId(ChannelId parentId, int streamId) implements ChannelId {

    @Override
    public String asShortText() {
        return parentId.asShortText() + "/" + Integer.toUnsignedString(streamId);
    }

    @Override
    public String asLongText() {
        return parentId.asLongText() + "/" + Integer.toUnsignedString(streamId);
    }

    @Override
    public int compareTo(ChannelId o) {
        if (o instanceof YamuxStreamChannelId other) {
            int c = parentId.compareTo(other.parentId);
            return c != 0 ? c : Integer.compareUnsigned(streamId, other.streamId);
        }
        return parentId.compareTo(o);
    }

    @Override
    public String toString() {
        return asShortText();
    }
}
