package io.jfrp.server.security;

/**
 * Why jfrps closed (or refused) a connection or stream a peer opened, for the counters of
 * {@link SecurityMetrics}. Each connection is counted once, under the first reason that closed it.
 */
public enum CloseReason {
    /** No byte within jfrp.security.firstByteTimeout. */
    FIRST_BYTE_TIMEOUT("no first byte in time"),
    /** The TLS handshake did not complete within jfrp.security.tlsHandshakeTimeout. */
    TLS_HANDSHAKE_TIMEOUT("TLS handshake not complete in time"),
    /** The TLS handshake failed (not TLS, no or a wrong client certificate, bad records). */
    TLS_FAILED("TLS handshake failed"),
    /** A plain connection while transport.tls.force is set. */
    PLAIN_REFUSED("plain connection refused (transport.tls.force)"),
    /** No first frp message within jfrp.security.firstMessageTimeout. */
    FIRST_MESSAGE_TIMEOUT("no first frp message in time"),
    /** A first message that is not Login, NewWorkConn or NewVisitorConn, or a framing error. */
    BAD_FIRST_MESSAGE("bad first message"),
    /** Not authenticated within jfrp.security.loginTimeout. */
    LOGIN_TIMEOUT("not logged in in time"),
    /** A Login refused: wrong key, unknown or wrong user, stale timestamp, a field too long. */
    LOGIN_REFUSED("login refused"),
    /** A Login whose timestamp and key were seen before within loginMaxSkew. */
    LOGIN_REPLAYED("login replayed"),
    /** A NewWorkConn refused: unknown run id, another session or address, a bad key. */
    WORK_CONN_REFUSED("work connection refused"),
    /** A NewVisitorConn refused: unknown run id or proxy, a bad sign key, a user not allowed. */
    VISITOR_CONN_REFUSED("visitor connection refused"),
    /** A Login or NewWorkConn a server plugin (httpPlugins) refused: the whole connection is closed. */
    PLUGIN_REFUSED("refused by a server plugin"),
    /** The oldest unauthenticated connection, closed to admit a new one past the total limit. */
    UNAUTHENTICATED_EVICTED("evicted: too many connections not logged in"),
    /** A new connection past jfrp.security.maxUnauthenticatedPerAddress. */
    UNAUTHENTICATED_PER_ADDRESS("too many connections not logged in from one address"),
    /** A new connection from an address refused after repeated failed logins. */
    ADDRESS_BACKED_OFF("address refused after failed logins"),
    /** yamux streams refused with RST because the session had not logged in (counted per stream). */
    STREAM_BEFORE_LOGIN("stream refused before login"),
    /** A public connection past jfrp.security.maxPublicConnectionsPerAddress on a shared port. */
    PUBLIC_PER_ADDRESS("too many public connections from one address"),
    /** An HTTP request with more than jfrp.security.httpMaxHeaders header fields (answered 431). */
    HTTP_TOO_MANY_HEADERS("too many HTTP request headers"),
    /** The oldest SSH gateway session not authenticated yet, closed to admit a new one past the total limit. */
    SSH_EVICTED("SSH session evicted: too many not authenticated"),
    /** A new SSH gateway session past jfrp.security.maxUnauthenticatedPerAddress. */
    SSH_PER_ADDRESS("too many SSH sessions not authenticated from one address");

    private final String description;

    CloseReason(String description) {
        this.description = description;
    }

    /** A few words for log lines and metrics help. */
    public String description() {
        return description;
    }
}
