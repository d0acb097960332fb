package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorBase;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.io.IOException;

/**
 * Opens the connections of one visitor to the server: a new connection of the current session,
 * NewVisitorConn for the visited proxy, the answer (see {@link VisitorHandshake}). Thread-safe.
 */
public final class VisitorConnections {
    private final VisitorBase visitor;
    private final VisitorContext context;
    private final String proxyName;

    public VisitorConnections(VisitorBase visitor, VisitorContext context) {
        this.visitor = visitor;
        this.context = context;
        this.proxyName = context.targetProxyName(visitor.serverUser(), visitor.serverName());
    }

    /** The wire name of the proxy visited. */
    public String proxyName() {
        return proxyName;
    }

    /**
     * A visitor connection past its handshake, completed on {@code loop}: for a relay when
     * {@code messages} is null, else framed with {@code messages} reading it.
     */
    public Future<Channel> open(EventLoop loop, ChannelHandler messages) {
        Promise<Channel> result = loop.newPromise();
        ServerLink link = context.link().get();
        if (link == null) {
            result.setFailure(new IOException("not connected to the server"));
            return result;
        }
        NewVisitorConn request = context.signer().sign(new NewVisitorConn(link.runId(), proxyName, "", 0,
                visitor.transport().useEncryption(), visitor.transport().useCompression()), visitor.secretKey());
        VisitorHandshake handshake = new VisitorHandshake(request, visitor, messages, result);
        link.openConnection(handshake).addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
            }
        });
        return result;
    }
}
