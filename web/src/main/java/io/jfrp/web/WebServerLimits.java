package io.jfrp.web;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client can make the web server hold, and for how long: the bounds a server on a public
 * port needs. Requests beyond a size limit are refused before they are stored; connections that
 * are too slow are closed.
 *
 * <ul>
 *   <li>{@code readTimeout}: from the first byte of a request to its last (head and body), like
 *       Go's {@code http.Server.ReadTimeout}, 60 s in frp. A slow head ("slowloris") ends here.</li>
 *   <li>{@code writeTimeout}: how long one response may take to be written, 60 s in frp.</li>
 *   <li>{@code idleTimeout}: how long a keep-alive connection may wait for its next request; Go
 *       uses the read timeout when no idle timeout is set, so 60 s as well.</li>
 *   <li>{@code maxInitialLineLength}: the request line (method, target, version); longer gets
 *       414.</li>
 *   <li>{@code maxHeaderSize}: all header lines together; larger gets 431.</li>
 *   <li>{@code maxBodySize}: the aggregated body; larger gets 413. frps' API takes no bodies; the
 *       frpc admin API (config file, store definitions) needs more and sets its own.</li>
 *   <li>{@code maxConnections}: open connections at once; more are closed on accept.</li>
 *   <li>{@code maxConnectionsPerAddress}: open connections at once from one address; more are
 *       closed on accept, so that one peer cannot take every connection and lock the operator out.
 *       Half of {@code maxConnections} by default: a script of the operator's may send many requests
 *       at once (each a connection), and whoever comes from elsewhere still has the other half.</li>
 *   <li>{@code maxPipelined}: requests a connection may send ahead of the responses; more close
 *       the connection.</li>
 * </ul>
 */
public record WebServerLimits(Duration readTimeout, Duration writeTimeout, Duration idleTimeout,
                              int maxInitialLineLength, int maxHeaderSize, int maxBodySize,
                              int maxConnections, int maxConnectionsPerAddress, int maxPipelined) {

    /** frp's timeouts; sizes generous for a browser with cookies, small enough for a public port. */
    public static final WebServerLimits DEFAULTS = new WebServerLimits(Duration.ofSeconds(60), Duration.ofSeconds(60),
            Duration.ofSeconds(60), 8 * 1024, 16 * 1024, 64 * 1024, 256, 128, 16);

    public WebServerLimits {
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        positive(readTimeout.toMillis(), "readTimeout");
        positive(writeTimeout.toMillis(), "writeTimeout");
        positive(idleTimeout.toMillis(), "idleTimeout");
        positive(maxInitialLineLength, "maxInitialLineLength");
        positive(maxHeaderSize, "maxHeaderSize");
        positive(maxBodySize, "maxBodySize");
        positive(maxConnections, "maxConnections");
        positive(maxConnectionsPerAddress, "maxConnectionsPerAddress");
        positive(maxPipelined, "maxPipelined");
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** A copy with other timeouts (tests use short ones). */
    public WebServerLimits withTimeouts(Duration read, Duration write, Duration idle) {
        return new WebServerLimits(read, write, idle, maxInitialLineLength, maxHeaderSize, maxBodySize,
                maxConnections, maxConnectionsPerAddress, maxPipelined);
    }

    /** A copy with another body limit. */
    public WebServerLimits withMaxBodySize(int bytes) {
        return new WebServerLimits(readTimeout, writeTimeout, idleTimeout, maxInitialLineLength, maxHeaderSize, bytes,
                maxConnections, maxConnectionsPerAddress, maxPipelined);
    }

    /** A copy with another connection limit. */
    public WebServerLimits withMaxConnections(int connections) {
        return new WebServerLimits(readTimeout, writeTimeout, idleTimeout, maxInitialLineLength, maxHeaderSize,
                maxBodySize, connections, maxConnectionsPerAddress, maxPipelined);
    }

    /** A copy with another limit per address. */
    public WebServerLimits withMaxConnectionsPerAddress(int connections) {
        return new WebServerLimits(readTimeout, writeTimeout, idleTimeout, maxInitialLineLength, maxHeaderSize,
                maxBodySize, maxConnections, connections, maxPipelined);
    }
}
