package io.jfrp.protocol.msg;

/**
 * The server's answer to {@link NewVisitorConn} (frp's {@code msg.NewVisitorConnResp}, type
 * {@code '3'}).
 *
 * @param proxyName the proxy visited
 * @param error     why the visit was refused, empty on success
 */
public record NewVisitorConnResp(
        String proxyName,
        String error) implements Message {
}
