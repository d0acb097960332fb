package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorConfig;

/**
 * A listening visitor whose users reach the visited proxy through the server (stcp, sudp): each
 * visit is a visitor connection that {@link VisitorConnections} opens, unlike xtcp's peer-to-peer
 * tunnel.
 */
public abstract class ThroughServerVisitor extends ListeningVisitor {
    private final VisitorConnections connections;

    protected ThroughServerVisitor(VisitorConfig config, VisitorContext context) {
        super(config, context);
        this.connections = new VisitorConnections(config.base(), context);
    }

    /** Opens this visitor's connections to the server; names the proxy visited. */
    protected final VisitorConnections connections() {
        return connections;
    }
}
