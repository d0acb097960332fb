package io.jfrp.protocol.msg;

/**
 * The server's answer to {@link NewProxy} (frp's {@code msg.NewProxyResp}, type {@code '2'}).
 *
 * @param proxyName  the proxy it answers
 * @param remoteAddr where the proxy listens: {@code ":port"} for tcp/udp, URLs for http
 * @param error      why the proxy could not start, empty on success
 */
public record NewProxyResp(
        String proxyName,
        String remoteAddr,
        String error) implements Message {
}
