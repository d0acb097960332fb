package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorBase;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Opens the connections of one visitor to the server: a new connection of the current session,
 * NewVisitorConn for the visited proxy, the answer (see {@link VisitorHandshake}).
 *
 * <p>The visitors' ports are bound when jfrpc starts, before its first login, and stay bound across
 * reconnects; a user who arrives while there is no session waits for one, up to
 * {@value #SESSION_WAIT_MILLIS} ms (checked every {@value #SESSION_POLL_MILLIS} ms on the user's event
 * loop), instead of being turned away in the moment between jfrpc's start and its login. Thread-safe.
 */
public final class VisitorConnections {
    /** How long a visit waits for a session to the server before it fails. */
    static final long SESSION_WAIT_MILLIS = 10_000;
    static final long SESSION_POLL_MILLIS = 50;

    private final VisitorBase visitor;
    private final VisitorContext context;
    private final String proxyName;
    private final long sessionWaitMillis;

    public VisitorConnections(VisitorBase visitor, VisitorContext context) {
        this(visitor, context, SESSION_WAIT_MILLIS);
    }

    /** As the public constructor, waiting at most {@code sessionWaitMillis} for a session (tests). */
    VisitorConnections(VisitorBase visitor, VisitorContext context, long sessionWaitMillis) {
        this.visitor = visitor;
        this.context = context;
        this.proxyName = context.targetProxyName(visitor.serverUser(), visitor.serverName());
        this.sessionWaitMillis = sessionWaitMillis;
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
        openWhenLinked(loop, messages, result, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sessionWaitMillis));
        return result;
    }

    private void openWhenLinked(EventLoop loop, ChannelHandler messages, Promise<Channel> result, long deadline) {
        if (result.isDone()) {
            return;
        }
        ServerLink link = context.link().get();
        if (link == null) {
            if (System.nanoTime() - deadline >= 0) {
                result.tryFailure(new IOException("not connected to the server (waited "
                        + sessionWaitMillis + " ms for a session)"));
            } else {
                loop.schedule(() -> openWhenLinked(loop, messages, result, deadline), SESSION_POLL_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
            return;
        }
        NewVisitorConn request = context.signer().sign(new NewVisitorConn(link.runId(), proxyName, "", 0,
                visitor.transport().useEncryption(), visitor.transport().useCompression()), visitor.secretKey());
        VisitorHandshake handshake = new VisitorHandshake(request, visitor, messages, result);
        link.openConnection(handshake).addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
            }
        });
    }
}
