package io.jfrp.server.proxy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Which remote ports a client may have: those allowed by {@code allowPorts}, at most
 * {@code maxPortsPerClient} per client (0 = no limit), and each port held by one proxy at a time.
 * Answers with a {@link ProxyRefusal}: frp's error text for NewProxyResp and jfrps's detail. Thread-safe.
 *
 * <p>TCP and UDP ports are separate spaces (a tcp and a udp proxy may both have port 53, as in frp):
 * each has its own policy, made by {@link #otherProtocol()}, and the two share the count of ports
 * each client holds, since frp's maxPortsPerClient counts both.
 */
public final class PortPolicy {
    private final IntPredicate allowed;
    private final int maxPortsPerClient;
    private final OwnerPorts ownerPorts;
    /** Ports held per client over both protocols; guarded by itself, the lock of both policies. */
    private final Map<String, Integer> portsByClient;
    private final Map<Integer, String> ownerByPort = new HashMap<>();

    /**
     * @param allowed           whether allowPorts admits a port (always true when allowPorts is empty)
     * @param maxPortsPerClient ports one client may hold, 0 for no limit
     */
    public PortPolicy(IntPredicate allowed, int maxPortsPerClient) {
        this(allowed, maxPortsPerClient, (owner, port) -> null);
    }

    /**
     * @param ownerPorts a further check by owner (the ports of a user of jfrp.users): null when the
     *                   owner may have the port, else why not
     */
    public PortPolicy(IntPredicate allowed, int maxPortsPerClient, OwnerPorts ownerPorts) {
        this(allowed, maxPortsPerClient, ownerPorts, new HashMap<>());
    }

    private PortPolicy(IntPredicate allowed, int maxPortsPerClient, OwnerPorts ownerPorts,
                       Map<String, Integer> portsByClient) {
        this.allowed = allowed;
        this.maxPortsPerClient = maxPortsPerClient;
        this.ownerPorts = ownerPorts;
        this.portsByClient = portsByClient;
    }

    /** Which ports an owner may have beyond allowPorts; null when it may have the port, else why not. */
    @FunctionalInterface
    public interface OwnerPorts {
        String check(String owner, int port);
    }

    /**
     * The policy of the other protocol's ports (UDP beside TCP): the same allowPorts, owner check and
     * maxPortsPerClient, its own owners per port, and the count of ports per client shared with this one.
     */
    public PortPolicy otherProtocol() {
        return new PortPolicy(allowed, maxPortsPerClient, ownerPorts, portsByClient);
    }

    /**
     * Reserves {@code port} for {@code runId} (a client, or a load-balancing group's own name); returns
     * null on success or the refusal: frp's text for the client (checked in frps's order: the
     * client's count of ports first, then the port) and jfrps's detail for its log.
     */
    public ProxyRefusal reserve(String runId, int port) {
        synchronized (portsByClient) {
            return reserveLocked(runId, port);
        }
    }

    private ProxyRefusal reserveLocked(String runId, int port) {
        int held = portsByClient.getOrDefault(runId, 0);
        if (maxPortsPerClient > 0 && held >= maxPortsPerClient) {
            return new ProxyRefusal(ProxyRefusal.EXCEED_MAX_PORTS,
                    "exceed the max_ports_per_client (" + maxPortsPerClient + ")");
        }
        if (port < 1 || port > 65535) {
            return new ProxyRefusal(ProxyRefusal.PORT_NOT_ALLOWED, "port " + port + " is not a valid port");
        }
        if (!allowed.test(port)) {
            return new ProxyRefusal(ProxyRefusal.PORT_NOT_ALLOWED, "port " + port + " is not allowed (allowPorts)");
        }
        String notTheOwners = ownerPorts.check(runId, port);
        if (notTheOwners != null) {
            return new ProxyRefusal(notTheOwners, notTheOwners); // jfrp.users: no frp text to match
        }
        if (ownerByPort.get(port) != null) {
            return new ProxyRefusal(ProxyRefusal.PORT_ALREADY_USED, "port " + port + " is already used by another proxy");
        }
        portsByClient.put(runId, held + 1);
        ownerByPort.put(port, runId);
        return null;
    }

    /** Gives a port back. */
    public void release(String runId, int port) {
        synchronized (portsByClient) {
            if (runId.equals(ownerByPort.get(port))) {
                ownerByPort.remove(port);
                portsByClient.computeIfPresent(runId, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
