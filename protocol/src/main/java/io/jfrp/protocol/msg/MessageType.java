package io.jfrp.protocol.msg;

import java.util.Optional;

/**
 * The registry of frp v1 message types: type byte on the wire, and the value class it decodes to.
 * The bytes are stock frp's ({@code pkg/msg/msg.go}); a byte not listed here is a protocol error.
 */
public enum MessageType {
    LOGIN('o', Login.class),
    LOGIN_RESP('1', LoginResp.class),
    NEW_PROXY('p', NewProxy.class),
    NEW_PROXY_RESP('2', NewProxyResp.class),
    CLOSE_PROXY('c', CloseProxy.class),
    NEW_WORK_CONN('w', NewWorkConn.class),
    REQ_WORK_CONN('r', ReqWorkConn.class),
    START_WORK_CONN('s', StartWorkConn.class),
    NEW_VISITOR_CONN('v', NewVisitorConn.class),
    NEW_VISITOR_CONN_RESP('3', NewVisitorConnResp.class),
    PING('h', Ping.class),
    PONG('4', Pong.class),
    UDP_PACKET('u', UdpPacket.class),
    NAT_HOLE_VISITOR('i', NatHoleVisitor.class),
    NAT_HOLE_CLIENT('n', NatHoleClient.class),
    NAT_HOLE_RESP('m', NatHoleResp.class),
    NAT_HOLE_SID('5', NatHoleSid.class),
    NAT_HOLE_REPORT('6', NatHoleReport.class);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            if (BY_CODE[t.code & 0xFF] != null) {
                throw new ExceptionInInitializerError("duplicate type byte " + t.code);
            }
            BY_CODE[t.code & 0xFF] = t;
        }
    }

    /** Each message class's type, found once per class (a message's {@link Message#type()}). */
    private static final ClassValue<MessageType> BY_CLASS = new ClassValue<>() {
        @Override
        protected MessageType computeValue(Class<?> type) {
            for (MessageType t : values()) {
                if (t.messageClass == type) {
                    return t;
                }
            }
            throw new IllegalArgumentException(type.getName() + " is not a registered frp message");
        }
    };

    private final byte code;
    private final Class<? extends Message> messageClass;

    MessageType(char code, Class<? extends Message> messageClass) {
        this.code = (byte) code;
        this.messageClass = messageClass;
    }

    /** The type byte that precedes the message on the wire. */
    public byte code() {
        return code;
    }

    /** The value class the JSON body decodes to. */
    public Class<? extends Message> messageClass() {
        return messageClass;
    }

    /** The type registered for a wire type byte, or empty if stock frp has none. */
    public static Optional<MessageType> forCode(byte code) {
        return Optional.ofNullable(BY_CODE[code & 0xFF]);
    }

    /** Like {@link #forCode(byte)} but returns {@code null} for an unknown byte (no allocation on hot paths). */
    public static MessageType forCodeOrNull(int code) {
        return BY_CODE[code & 0xFF];
    }

    /** The type registered for a message class (every {@link Message} class has one). */
    public static MessageType of(Class<? extends Message> messageClass) {
        return BY_CLASS.get(messageClass);
    }

    /** A printable form of a type byte for messages: {@code 'o' (0x6f)}, or just the hex when unprintable. */
    public static String describe(int code) {
        int b = code & 0xFF;
        String hex = String.format("0x%02x", b);
        return b >= 0x21 && b <= 0x7e ? "'" + (char) b + "' (" + hex + ")" : hex;
    }
}
