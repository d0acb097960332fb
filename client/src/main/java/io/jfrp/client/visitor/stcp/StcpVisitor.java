package io.jfrp.client.visitor.stcp;

import io.jfrp.client.visitor.TcpVisitorListener;
import io.jfrp.client.visitor.ThroughServerVisitor;
import io.jfrp.client.visitor.VisitorContext;
import io.jfrp.client.visitor.VisitorFactory;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.protocol.relay.PendingJoin;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * An stcp visitor (frp's {@code client/visitor/stcp.go}): a TCP listener on bindAddr:bindPort; each
 * connection accepted there gets a visitor connection to the server for the visited proxy and, once
 * the server has admitted it, the two are relayed byte for byte (wrapped with the visitor's flags on the
 * server side). A refused visit closes the user's connection and logs the server's reason. Without a
 * bindPort (negative) it listens nowhere, as frpc.
 */
public final class StcpVisitor extends ThroughServerVisitor {
    /** The factory of stcp visitors. */
    public static final VisitorFactory FACTORY = StcpVisitor::new;
    private static final Logger log = LoggerFactory.getLogger(StcpVisitor.class);

    private StcpVisitor(VisitorConfig config, VisitorContext context) {
        super(config, context);
    }

    @Override
    public Future<?> start() {
        return TcpVisitorListener.start(context(), config().base(), bound(), this::accept, listener -> log.info(
                "[{}] stcp visitor listening on {} for proxy [{}]", config().name(), listener.localAddress(),
                connections().proxyName()));
    }

    /** Relays a held user connection through a new visitor connection (also an xtcp visitor's fallback). */
    @Override
    public boolean accept(Channel user) {
        PendingJoin.whenOpened(connections().open(user.eventLoop(), null), user,
                cause -> connectionLog().warn(log, "[{}] visitor connection to [{}] failed: {}", config().name(),
                        connections().proxyName(), cause.getMessage()),
                visitorConn -> Relay.join((DuplexChannel) user, visitorConn));
        return true;
    }
}
