package io.jfrp.protocol.msg;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Stops one proxy (frp's {@code msg.CloseProxy}, type {@code 'c'}); sent by the client when a proxy
 * is removed from its configuration.
 *
 * @param proxyName the proxy to close
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CloseProxy(String proxyName) implements Message {

    public CloseProxy {
        proxyName = Values.str(proxyName);
    }

    @Override
    public MessageType type() {
        return MessageType.CLOSE_PROXY;
    }
}
