package io.jfrp.server.monitor;

import java.util.List;

/**
 * Hands every event to each of several {@link ServerMetrics} in turn (frp's
 * {@code pkg/metrics/aggregate}): the in-memory statistics, and Prometheus when enabled.
 */
public final class CompositeMetrics implements ServerMetrics {
    private final List<ServerMetrics> targets;

    public CompositeMetrics(List<ServerMetrics> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public void clientLoggedIn(ClientSession client) {
        for (ServerMetrics m : targets) {
            m.clientLoggedIn(client);
        }
    }

    @Override
    public void clientGone(ClientSession client) {
        for (ServerMetrics m : targets) {
            m.clientGone(client);
        }
    }

    @Override
    public void proxyRegistered(ProxyRegistration proxy) {
        for (ServerMetrics m : targets) {
            m.proxyRegistered(proxy);
        }
    }

    @Override
    public void proxyClosed(String name, String type) {
        for (ServerMetrics m : targets) {
            m.proxyClosed(name, type);
        }
    }

    @Override
    public void userConnectionOpened(String name, String type) {
        for (ServerMetrics m : targets) {
            m.userConnectionOpened(name, type);
        }
    }

    @Override
    public void userConnectionClosed(String name, String type) {
        for (ServerMetrics m : targets) {
            m.userConnectionClosed(name, type);
        }
    }

    @Override
    public void trafficIn(String name, String type, long bytes) {
        for (ServerMetrics m : targets) {
            m.trafficIn(name, type, bytes);
        }
    }

    @Override
    public void trafficOut(String name, String type, long bytes) {
        for (ServerMetrics m : targets) {
            m.trafficOut(name, type, bytes);
        }
    }
}
