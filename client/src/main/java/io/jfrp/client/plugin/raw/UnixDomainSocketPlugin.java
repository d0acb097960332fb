package io.jfrp.client.plugin.raw;

import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.proxy.LocalServiceDial;
import io.jfrp.client.proxy.UserConn;
import io.jfrp.client.proxy.WorkConnServer;
import io.netty.channel.socket.DuplexChannel;

/**
 * {@code unix_domain_socket}: each user connection is relayed to the UNIX socket {@code unixPath},
 * after the PROXY protocol header when the proxy asks for one (as frp). The socket is dialed on the
 * work connection's loop: Netty's epoll domain socket on epoll loops, NIO's on NIO loops.
 */
public final class UnixDomainSocketPlugin implements WorkConnServer {
    private final LocalServiceDial dial;

    public UnixDomainSocketPlugin(PluginContext context) {
        String path = context.options().unixPath();
        if (path.isEmpty()) {
            throw new IllegalArgumentException("unixPath is required");
        }
        this.dial = new LocalServiceDial(context.proxyName(), "unix:" + path,
                loop -> context.dialer().dialUnix(loop, path), context.header());
    }

    @Override
    public void serve(DuplexChannel work, UserConn user) {
        dial.serve(work, user);
    }
}
