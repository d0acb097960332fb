package io.jfrp.protocol.wire;

import io.jfrp.protocol.msg.MessageType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTest {
    @Test
    void idsAreStockFrpsV2Types() {
        // pkg/msg/wire_v2.go: V2TypeLogin = 1 ... V2TypeNatHoleReport = 18, in this order.
        MessageType[] inOrder = {MessageType.LOGIN, MessageType.LOGIN_RESP, MessageType.NEW_PROXY,
                MessageType.NEW_PROXY_RESP, MessageType.CLOSE_PROXY, MessageType.NEW_WORK_CONN,
                MessageType.REQ_WORK_CONN, MessageType.START_WORK_CONN, MessageType.NEW_VISITOR_CONN,
                MessageType.NEW_VISITOR_CONN_RESP, MessageType.PING, MessageType.PONG, MessageType.UDP_PACKET,
                MessageType.NAT_HOLE_VISITOR, MessageType.NAT_HOLE_CLIENT, MessageType.NAT_HOLE_RESP,
                MessageType.NAT_HOLE_SID, MessageType.NAT_HOLE_REPORT};
        assertThat(inOrder).hasSize(MessageType.values().length);
        for (int i = 0; i < inOrder.length; i++) {
            assertThat(MessageIds.idOf(inOrder[i])).as("%s", inOrder[i]).isEqualTo(i + 1);
            assertThat(MessageIds.typeOrNull(i + 1)).isEqualTo(inOrder[i]);
        }
    }

    @Test
    void otherIdsAreUnknown() {
        for (int id : new int[] {0, 19, 20, 0x6f, 0xFFFF, -1, 70000}) {
            assertThat(MessageIds.typeOrNull(id)).as("id %d", id).isNull();
        }
    }
}
