package io.jfrp.client.plugin.socks5;

import io.jfrp.client.plugin.BasicAuth;
import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.client.proxy.UserConn;
import io.jfrp.client.proxy.WorkConnServer;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;

/**
 * {@code socks5}: a SOCKS5 server (RFC 1928) on the proxy's traffic, with Netty's codec-socks. With a
 * {@code username} or {@code password} set, clients must authenticate with them (RFC 1929) and a
 * client offering no password method is refused; without, no authentication. CONNECT only, as frp's
 * go-socks5 in practice: BIND and UDP ASSOCIATE are answered "command not supported".
 */
public final class Socks5Plugin implements WorkConnServer {
    private final LocalDialer dialer;
    private final String proxyName;
    private final BasicAuth auth;

    public Socks5Plugin(PluginContext context) {
        this.dialer = context.dialer();
        this.proxyName = context.proxyName();
        this.auth = new BasicAuth(context.options().username(), context.options().password());
    }

    @Override
    public void serve(DuplexChannel work, UserConn user) {
        work.pipeline().addLast("socks5-encoder", Socks5ServerEncoder.DEFAULT);
        work.pipeline().addLast(Socks5Handshake.DECODER, new Socks5InitialRequestDecoder());
        work.pipeline().addLast("socks5-handshake", new Socks5Handshake(proxyName, auth, dialer));
        Relay.releaseHold(work);
    }
}
