package io.jfrp.bench.paths;

/**
 * Where the two ends of a tunnel run. On loopback both are in the harness's own network namespace
 * on 127.0.0.1; for the high-latency scenario the server side (and the public clients) run in one
 * namespace and the client side (and the service) in the other, joined by the delayed link.
 *
 * @param serverNetns namespace of jfrps / sshd / frps, null for the harness's own
 * @param serverHost  address the server side listens on and the client side dials; public ports are on it too
 * @param clientNetns namespace of jfrpc / ssh / frpc (next to the service), null for the harness's own
 */
public record Placement(String serverNetns, String serverHost, String clientNetns) {
    /** Everything on 127.0.0.1 in the harness's namespace. */
    public static final Placement LOOPBACK = new Placement(null, "127.0.0.1", null);
}
