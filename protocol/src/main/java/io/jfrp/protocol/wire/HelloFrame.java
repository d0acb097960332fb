package io.jfrp.protocol.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A ClientHello or ServerHello frame as it travels: its type and the exact payload bytes. The key
 * schedule hashes these bytes as sent and received, never a re-serialisation, so the payload is kept
 * as is; {@link HelloJson} parses and writes it.
 *
 * @param type    {@link WireFrameType#CLIENT_HELLO} or {@link WireFrameType#SERVER_HELLO}
 * @param payload the JSON payload (not copied: treat as immutable)
 */
public record HelloFrame(WireFrameType type, byte[] payload) {
    public HelloFrame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (type == WireFrameType.MESSAGE) {
            throw new IllegalArgumentException("a hello frame is ClientHello or ServerHello, not " + type);
        }
        if (payload.length > WireFrames.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException(type + " payload of " + payload.length + " bytes exceeds the limit of "
                    + WireFrames.MAX_PAYLOAD_LENGTH);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HelloFrame h && h.type == type && Arrays.equals(h.payload, payload);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "HelloFrame[" + type + ", " + payload.length + " bytes]";
    }
}
