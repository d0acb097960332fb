package io.jfrp.protocol.msg;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The server's answer to {@link NewVisitorConn} (frp's {@code msg.NewVisitorConnResp}, type
 * {@code '3'}).
 *
 * @param proxyName the proxy visited
 * @param error     why the visit was refused, empty on success
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewVisitorConnResp(
        String proxyName,
        String error) implements Message {

    public NewVisitorConnResp {
        proxyName = Values.str(proxyName);
        error = Values.str(error);
    }

    @Override
    public MessageType type() {
        return MessageType.NEW_VISITOR_CONN_RESP;
    }
}
