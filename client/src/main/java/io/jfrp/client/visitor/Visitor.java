package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorConfig;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

/**
 * One visitor of jfrpc (frp's {@code Visitor}): a local port whose connections or datagrams reach
 * another client's stcp or sudp proxy through the server. Made by the {@link VisitorFactory} of its
 * type; {@link Visitors} starts and closes it.
 */
public interface Visitor {
    /** Its settings. */
    VisitorConfig config();

    /** Binds its local port; the future fails with why it could not (the port is taken...). */
    Future<?> start();

    /**
     * Closes its port and whatever it carries now. Safe to call twice.
     *
     * @return done when its port is released (another visitor may bind it then)
     */
    Future<?> close();

    /**
     * Takes a user connection another visitor accepted (frp's {@code AcceptConn}, used by an xtcp
     * visitor's fallbackTo). The connection is active and held ({@code Relay.holdUntilJoined}).
     *
     * @return false when this visitor cannot carry it (the caller then closes it)
     */
    default boolean accept(Channel userConnection) {
        return false;
    }
}
