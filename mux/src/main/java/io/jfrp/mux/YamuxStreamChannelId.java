package io.jfrp.mux;

import io.netty.channel.ChannelId;

/** A stream's channel id: the connection's id and the stream id. Cheap, and readable in logs. */
final class YamuxStreamChannelId implements ChannelId {
    private static final long serialVersionUID = 1L;
    private final ChannelId parentId;
    private final int streamId;

    YamuxStreamChannelId(ChannelId parentId, int streamId) {
        this.parentId = parentId;
        this.streamId = streamId;
    }

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
        if (o instanceof YamuxStreamChannelId) {
            YamuxStreamChannelId other = (YamuxStreamChannelId) o;
            int c = parentId.compareTo(other.parentId);
            return c != 0 ? c : Integer.compareUnsigned(streamId, other.streamId);
        }
        return parentId.compareTo(o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof YamuxStreamChannelId && ((YamuxStreamChannelId) o).streamId == streamId
                && ((YamuxStreamChannelId) o).parentId.equals(parentId);
    }

    @Override
    public int hashCode() {
        return parentId.hashCode() * 31 + streamId;
    }

    @Override
    public String toString() {
        return asShortText();
    }
}
