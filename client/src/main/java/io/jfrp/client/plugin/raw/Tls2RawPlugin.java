package io.jfrp.client.plugin.raw;

import io.jfrp.client.plugin.HostPort;
import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.plugin.PluginTls;
import io.jfrp.client.proxy.LocalServiceDial;
import io.jfrp.client.proxy.UserConn;
import io.jfrp.client.proxy.WorkConnServer;
import io.jfrp.protocol.relay.ReadGate;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * {@code tls2raw}: TLS ends in jfrpc (crtPath/keyPath, or a certificate made at start), the plain
 * bytes go to {@code localAddr}, after the PROXY protocol header when the proxy asks for one.
 *
 * <h3>Order</h3>
 * What arrived with StartWorkConn is TLS (a ClientHello): the hold on the raw bytes is released into
 * the TLS handler, behind which a second hold keeps what it decrypts until the local service is
 * dialed; reading stops once the handshake is done. The handshake has SslHandler's deadline (10 s).
 */
public final class Tls2RawPlugin implements WorkConnServer {
    private static final Logger log = LoggerFactory.getLogger(Tls2RawPlugin.class);

    private final String proxyName;
    private final SslContext tls;
    private final LocalServiceDial dial;

    public Tls2RawPlugin(PluginContext context) throws IOException {
        String localAddr = context.options().localAddr();
        HostPort target = HostPort.parse(localAddr, "localAddr");
        this.proxyName = context.proxyName();
        this.tls = PluginTls.server(context.options().crtPath(), context.options().keyPath(), List.of());
        this.dial = new LocalServiceDial(context.proxyName(), localAddr,
                loop -> context.dialer().dial(loop, target.host(), target.port()), context.header());
    }

    @Override
    public void serve(DuplexChannel work, UserConn user) {
        SslHandler ssl = tls.newHandler(work.alloc());
        work.pipeline().addLast("tls2raw-tls", ssl);
        Relay.holdUntilJoined(work); // what TLS decrypts waits for the local service
        ssl.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("[{}] tls handshake error: {}", proxyName, f.cause().getMessage());
                work.close();
                return;
            }
            ReadGate.pause(work, ReadGate.Reason.RELAY);
            dial.serve(work, user);
        });
        Relay.releaseHold(work); // the raw bytes so far go into TLS; reading on for the handshake
    }
}
