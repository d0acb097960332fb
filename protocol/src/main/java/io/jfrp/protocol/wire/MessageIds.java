package io.jfrp.protocol.wire;

import io.jfrp.protocol.msg.MessageType;

import java.util.EnumMap;
import java.util.Map;

/**
 * The u16 message ids of wire protocol v2 (stock frp's {@code V2Type*} constants), one per v1 message
 * type; the JSON bodies are the same in both protocols. Ids run 1 to 18 in the order of
 * {@link MessageType}; 0 and everything above 18 are unknown.
 */
public final class MessageIds {
    private static final Map<MessageType, Integer> ID_BY_TYPE = new EnumMap<>(MessageType.class);
    private static final MessageType[] TYPE_BY_ID = new MessageType[19];

    static {
        register(MessageType.LOGIN, 1);
        register(MessageType.LOGIN_RESP, 2);
        register(MessageType.NEW_PROXY, 3);
        register(MessageType.NEW_PROXY_RESP, 4);
        register(MessageType.CLOSE_PROXY, 5);
        register(MessageType.NEW_WORK_CONN, 6);
        register(MessageType.REQ_WORK_CONN, 7);
        register(MessageType.START_WORK_CONN, 8);
        register(MessageType.NEW_VISITOR_CONN, 9);
        register(MessageType.NEW_VISITOR_CONN_RESP, 10);
        register(MessageType.PING, 11);
        register(MessageType.PONG, 12);
        register(MessageType.UDP_PACKET, 13);
        register(MessageType.NAT_HOLE_VISITOR, 14);
        register(MessageType.NAT_HOLE_CLIENT, 15);
        register(MessageType.NAT_HOLE_RESP, 16);
        register(MessageType.NAT_HOLE_SID, 17);
        register(MessageType.NAT_HOLE_REPORT, 18);
        for (MessageType t : MessageType.values()) {
            if (!ID_BY_TYPE.containsKey(t)) {
                throw new ExceptionInInitializerError("no v2 message id for " + t);
            }
        }
    }

    private MessageIds() {
    }

    private static void register(MessageType type, int id) {
        if (TYPE_BY_ID[id] != null || ID_BY_TYPE.put(type, id) != null) {
            throw new ExceptionInInitializerError("duplicate v2 message id " + id + " or type " + type);
        }
        TYPE_BY_ID[id] = type;
    }

    /** The v2 id of a message type. */
    public static int idOf(MessageType type) {
        return ID_BY_TYPE.get(type);
    }

    /** The message type of a v2 id (0-65535), or {@code null} if frp defines none. */
    public static MessageType typeOrNull(int id) {
        return id > 0 && id < TYPE_BY_ID.length ? TYPE_BY_ID[id] : null;
    }
}
