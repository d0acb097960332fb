package io.jfrp.protocol.wire;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The frp wire protocols a connection or yamux stream can speak. Each connection and stream decides
 * alone (frps serves v1 and v2 clients side by side): the client chooses with
 * {@code transport.wireProtocol}, the server detects it from the first 7 bytes
 * ({@link WireProtocolDetector}).
 */
public enum WireProtocol {
    /** {@code [1 byte type][int64 length][JSON]} frames; AES-128-CFB control stream. */
    V1,
    /**
     * {@code [u16 type][u16 flags][u32 length][payload]} frames after a 7-byte magic; hellos and an
     * authenticated (AEAD) control stream.
     */
    V2;

    /** Where the detected (server) or chosen (client) protocol of a channel is kept. */
    static final AttributeKey<WireProtocol> ATTRIBUTE = AttributeKey.valueOf(WireProtocol.class, "protocol");

    /** The value of frpc's {@code transport.wireProtocol}: {@code "v1"} or {@code "v2"}. */
    public String configName() {
        return this == V1 ? "v1" : "v2";
    }

    /**
     * The protocol for a {@code transport.wireProtocol} value; empty means v1, as in stock frp.
     *
     * @throws IllegalArgumentException naming the value if it is neither
     */
    public static WireProtocol fromConfigName(String name) {
        if (name == null || name.isEmpty() || name.equals("v1")) {
            return V1;
        }
        if (name.equals("v2")) {
            return V2;
        }
        throw new IllegalArgumentException("transport.wireProtocol: unknown wire protocol '" + name
                + "', expected \"v1\" or \"v2\"");
    }

    /**
     * The protocol the pipeline helpers of this package set up on {@code channel}, or {@code null}
     * if none has been set up (or detection has not finished).
     */
    public static WireProtocol of(Channel channel) {
        return channel.attr(ATTRIBUTE).get();
    }

    /**
     * Takes the protocol off {@code channel} once it carries no more messages (a work connection
     * relaying bytes), so a connection held for hours keeps no attribute (nor the attribute map's
     * array) for it; {@link #of} returns {@code null} afterwards. Netty deprecates {@code remove()}
     * for attributes several threads race on; this one is set and taken on the channel's loop.
     */
    @SuppressWarnings("deprecation")
    public static void forget(Channel channel) {
        if (channel.hasAttr(ATTRIBUTE)) {
            channel.attr(ATTRIBUTE).remove();
        }
    }
}
