package io.jfrp.client.proxy;

import io.jfrp.mux.LogBudget;
import io.jfrp.protocol.relay.PendingJoin;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * frp's default way of serving a work connection: dial the local service, write the PROXY protocol
 * header when the proxy asks for one, relay bytes both ways. Also the last step of the plugins that
 * end in a plain connection (unix_domain_socket, tls2raw): they give their own dial.
 *
 * <p>A failed dial costs a line, and every public connection to the proxy makes one dial: while the
 * local service is down a public peer could write one line per connection. Those lines go through
 * {@code failures}, the proxy's own {@link LogBudget} (the first {@value LogBudget#DEFAULT_LINES}
 * each {@value LogBudget#DEFAULT_WINDOW_MILLIS} ms, then how many were left out), as jfrps's
 * {@code WorkConnBridge} does for the same public connections.
 *
 * @param proxyName the proxy, for log lines
 * @param target    the local service, for log lines
 * @param dial      dials it on the work connection's loop
 * @param header    the PROXY protocol version; null = none
 * @param failures  the budget of the proxy's failed-dial lines
 */
public record LocalServiceDial(String proxyName, String target,
                               Function<io.netty.channel.EventLoop, ChannelFuture> dial,
                               HAProxyProtocolVersion header, LogBudget failures) implements WorkConnServer {
    private static final Logger log = LoggerFactory.getLogger(LocalServiceDial.class);

    /** A dial with a budget of its own for its failure lines. */
    public LocalServiceDial(String proxyName, String target, Function<io.netty.channel.EventLoop, ChannelFuture> dial,
                            HAProxyProtocolVersion header) {
        this(proxyName, target, dial, header, new LogBudget());
    }

    /** localIP:localPort of a proxy. */
    public static LocalServiceDial tcp(String proxyName, LocalDialer dialer, String host, int port,
                                       HAProxyProtocolVersion header) {
        return new LocalServiceDial(proxyName, host + ":" + port, dialer.dialing(host, port), header);
    }

    @Override
    public void serve(DuplexChannel work, UserConn user) {
        PendingJoin.whenOpened(dial.apply(work.eventLoop()), work,
                cause -> failures.warn(log, "[{}] connect to local service [{}] error: {}", proxyName, target,
                        cause.getMessage()),
                local -> {
                    ProxyProtocolHeader.writeForStream(local, header, user);
                    log.debug("[{}] join connections: {} <-> {}", proxyName, work, local);
                    Relay.join(local, work);
                });
    }
}
