package io.jfrp.client.xtcp;

import io.jfrp.client.proxy.ClientProxy;
import io.jfrp.client.proxy.ClientProxyFactory;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.client.visitor.ServerLink;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyTransport;
import io.jfrp.config.model.proxy.XtcpProxyConfig;
import io.jfrp.nathole.discovery.PreparedHole;
import io.jfrp.nathole.punch.PunchResult;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NatHoleClient;
import io.jfrp.protocol.msg.NatHoleReport;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.NatHoleSid;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * jfrpc's side of an xtcp proxy (frp's {@code XTCPProxy.InWorkConn}). The server hands each punch
 * session over a work connection: StartWorkConn, then NatHoleSid{sid}, then close. For each sid this
 * side prepares (STUN), sends NatHoleClient{transaction_id, proxy_name, sid, mapped_addrs,
 * assisted_addrs} on the control stream, waits 5 s for its NatHoleResp, punches, reports
 * NatHoleReport{sid, success} and then serves the tunnel (QUIC or KCP, as the visitor asked): every
 * stream the visitor opens is wrapped with this proxy's useEncryption/useCompression (key: the
 * secretKey) and relayed to localIP:localPort.
 *
 * <p>Every step's failure is logged with the sid and ends that session only.
 */
public final class XtcpProxySide implements ClientProxy {
    private static final Logger log = LoggerFactory.getLogger(XtcpProxySide.class);
    /** How long the work connection may take to bring NatHoleSid after StartWorkConn. */
    static final int SID_TIMEOUT_SECONDS = 10;

    private final XtcpProxyConfig config;
    private final String wireName;
    private final LocalDialer dialer;
    private final XtcpRuntime runtime;

    private XtcpProxySide(XtcpProxyConfig config, String wireName, LocalDialer dialer, XtcpRuntime runtime) {
        this.config = config;
        this.wireName = wireName;
        this.dialer = dialer;
        this.runtime = runtime;
    }

    /**
     * The factory of xtcp proxies.
     *
     * @param user the client's user, which prefixes the proxy's wire name
     */
    public static ClientProxyFactory factory(XtcpRuntime runtime, String user) {
        return (ProxyConfig c, LocalDialer dialer) -> new XtcpProxySide((XtcpProxyConfig) c, c.wireName(user), dialer,
                runtime);
    }

    @Override
    public ProxyConfig config() {
        return config;
    }

    @Override
    public boolean carriesMessages() {
        return true; // NatHoleSid follows StartWorkConn
    }

    @Override
    public boolean wrapsWorkConn() {
        return false;
    }

    @Override
    public void serve(Channel work) {
        work.pipeline().addLast("xtcp-sid-timeout", new ReadTimeoutHandler(SID_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        work.pipeline().addLast("xtcp-sid", new SidReader());
    }

    /** Reads the one NatHoleSid of a work connection, closes it, starts the session. */
    private final class SidReader extends SimpleChannelInboundHandler<Message> {
        private boolean done;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
            if (done) {
                return;
            }
            done = true;
            ctx.close();
            if (!(msg instanceof NatHoleSid sid) || sid.sid().isEmpty()) {
                log.warn("[{}] xtcp: expected NatHoleSid on the work connection, got {}", config.name(), msg.type());
                return;
            }
            punch(sid.sid());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!done) {
                log.warn("[{}] xtcp: no NatHoleSid on the work connection: {}", config.name(), cause.toString());
            }
            done = true;
            ctx.close();
        }
    }

    private void punch(String sid) {
        ServerLink link = runtime.link();
        if (link == null) {
            log.warn("[{}] xtcp session {}: not connected to the server", config.name(), sid);
            return;
        }
        runtime.prepare(config.natTraversal().disableAssistedAddrs()).addListener(p -> {
            if (!p.isSuccess()) {
                log.warn("[{}] xtcp session {}: nathole prepare error: {}", config.name(), sid, p.cause().getMessage());
                return;
            }
            PreparedHole hole = (PreparedHole) p.getNow();
            log.debug("[{}] xtcp session {}: NAT {}, mapped {}, assisted {}", config.name(), sid, hole.feature(),
                    hole.mappedAddrs(), hole.assistedAddrs());
            String tid = runtime.newTransactionId();
            link.exchangeNatHole(new NatHoleClient(tid, wireName, sid, hole.mappedAddrs(), hole.assistedAddrs()), tid)
                    .addListener(r -> {
                        if (!r.isSuccess()) {
                            hole.channel().close();
                            log.warn("[{}] xtcp session {}: exchange info error: {}", config.name(), sid,
                                    r.cause().getMessage());
                            return;
                        }
                        NatHoleResp resp = (NatHoleResp) r.getNow();
                        if (!resp.error().isEmpty()) {
                            hole.channel().close();
                            log.warn("[{}] xtcp session {}: server refused: {}", config.name(), sid, resp.error());
                            return;
                        }
                        makeHole(link, sid, hole, resp);
                    });
        });
    }

    private void makeHole(ServerLink link, String sid, PreparedHole hole, NatHoleResp resp) {
        runtime.punch(hole, resp, config.secretKey()).addListener(f -> {
            if (!f.isSuccess()) {
                link.sendControl(new NatHoleReport(sid, false));
                log.warn("[{}] xtcp session {}: make hole error: {}", config.name(), sid, f.cause().getMessage());
                return;
            }
            link.sendControl(new NatHoleReport(sid, true));
            PunchResult result = (PunchResult) f.getNow();
            String protocol = "kcp".equals(resp.protocol()) ? "kcp" : "quic";
            log.info("[{}] xtcp session {}: hole punched to {} ({} probes from {} sockets in {} ms), serving {}",
                    config.name(), sid, result.peer(), result.probesSent(), result.sockets(),
                    result.elapsed().toMillis(), protocol);
            ChannelHandler streams = TunnelStreams.proxyStream(config.name(), config.base(), wrapping(),
                    key(), dialer, runtime.clientLoops());
            Future<Channel> serving = "kcp".equals(protocol) ? KcpTunnel.serve(result, streams)
                    : QuicTunnel.serve(result, streams, runtime.quic());
            serving.addListener(s -> {
                if (!s.isSuccess()) {
                    log.warn("[{}] xtcp session {}: {} tunnel failed: {}", config.name(), sid, protocol,
                            s.cause().getMessage());
                }
            });
        });
    }

    private StreamWrapping wrapping() {
        ProxyTransport t = config.base().transport();
        return new StreamWrapping(t.useEncryption(), t.useCompression());
    }

    private CryptoKey key() {
        return TunnelStreams.key(wrapping(), config.secretKey());
    }
}
