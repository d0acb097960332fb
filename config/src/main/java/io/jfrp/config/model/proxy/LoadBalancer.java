package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

/**
 * A proxy's {@code loadBalancer} table: proxies with the same group (and key), from any clients,
 * share a port or a route and take turns.
 *
 * @param group    the group's name; empty = not in a group
 * @param groupKey the group's secret; members must agree on it
 */
public record LoadBalancer(String group, String groupKey) {
    /** Not in a group. */
    public static final LoadBalancer NONE = new LoadBalancer("", "");

    public LoadBalancer {
        group = Fields.text(group);
        groupKey = Fields.text(groupKey);
    }
}
