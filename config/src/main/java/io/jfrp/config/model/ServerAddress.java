package io.jfrp.config.model;

import java.util.Objects;

/**
 * One jfrps a jfrpc connects to: its host (or address), its bindPort, and the name its TLS
 * certificate is checked against. jfrpc connects to each server of {@link ClientConfig#servers()};
 * with stock frp's keys that is the one {@code serverAddr:serverPort}, with jfrp's
 * {@code jfrp.servers} list several at once (docs/multi-server.md).
 *
 * @param host          host name or address, as serverAddr
 * @param port          bindPort
 * @param tlsServerName the name checked in the server's certificate: transport.tls.serverName when
 *                      it is set, else {@code host} (frp's rule, applied per server)
 */
public record ServerAddress(String host, int port, String tlsServerName) {
    public ServerAddress {
        Objects.requireNonNull(host, "host");
        Fields.port(port, "a server's port");
        tlsServerName = tlsServerName == null || tlsServerName.isEmpty() ? host : tlsServerName;
    }

    /**
     * Reads {@code host:port}; an IPv6 address goes in brackets ({@code [::1]:7000}), as in Go's
     * net.JoinHostPort.
     *
     * @param tlsServerName transport.tls.serverName, or empty for the host
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static ServerAddress parse(String text, String tlsServerName) {
        String s = text.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': an IPv6 address goes in brackets, as [::1]:7000");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': the port must be 1..65535");
        }
        return new ServerAddress(host, port, tlsServerName);
    }

    /** {@code host:port}, an IPv6 address in brackets: how logs and the status name this server. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
