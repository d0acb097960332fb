package io.jfrp.bench.paths;

/**
 * Where the two ends of a tunnel run: the server side (and its public ports) in {@code serverNetns}
 * on {@code serverHost}, the client side next to the service in {@code clientNetns}; a null namespace
 * is the harness's own. The high-latency scenario puts them in the two namespaces of its link.
 */
public record Placement(String serverNetns, String serverHost, String clientNetns) {
    /** Everything on 127.0.0.1 in the harness's namespace. */
    public static final Placement LOOPBACK = new Placement(null, "127.0.0.1", null);
}
