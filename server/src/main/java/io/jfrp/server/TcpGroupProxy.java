package io.jfrp.server;

import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.relay.Relay;
import io.jfrp.server.group.TcpGroupMember;
import io.jfrp.server.group.TcpGroups;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * A tcp proxy in a load-balancing group ({@code loadBalancer.group}): instead of its own listener it
 * joins the group's shared one ({@link TcpGroups}) and serves the public connections the group
 * hands it in turn, through its client.
 */
final class TcpGroupProxy implements Proxy, TcpGroupMember {
    private final ServerControl control;
    private final NewProxy req;
    private final WorkConnBridge bridge;

    TcpGroupProxy(ServerControl control, NewProxy req) {
        this.control = control;
        this.req = req;
        this.bridge = control.bridge(req);
    }

    @Override
    public String name() {
        return req.proxyName();
    }

    @Override
    public Future<String> start() {
        Promise<String> started = control.executor().newPromise();
        control.server().tcpGroups.join(req.group(), req.groupKey(), req.remotePort(), this, control.executor())
                .addListener(f -> {
                    if (f.isSuccess()) {
                        started.trySuccess(":" + f.getNow());
                    } else {
                        started.tryFailure(f.cause());
                    }
                });
        return started;
    }

    @Override
    public void serve(Channel connection) {
        // The public peer may send (and even half-close) before a work connection is ready.
        Relay.holdUntilJoined(connection);
        bridge.relay((DuplexChannel) connection, null);
    }

    @Override
    public void close() {
        control.server().tcpGroups.leave(req.group(), this);
    }
}
