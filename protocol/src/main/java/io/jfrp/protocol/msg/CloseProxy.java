package io.jfrp.protocol.msg;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Stops one proxy (frp's {@code msg.CloseProxy}, type {@code 'c'}); sent by the client when a proxy
 * is removed from its configuration.
 *
 * @param proxyName the proxy to close
 */
public record CloseProxy(@JsonProperty("proxy_name") String proxyName) implements Message {

    public CloseProxy {
        proxyName = Values.str(proxyName);
    }

    @Override
    public MessageType type() {
        return MessageType.CLOSE_PROXY;
    }
}
