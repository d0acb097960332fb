package io.jfrp.server.ssh;

import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyMessages;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.auth.TokenAuthenticator;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The frp client of one SSH tunnel (frp's {@code virtual.Client}): logs in to jfrps through the
 * {@link InternalLink} with the tunnel's user and token, asks for its one proxy, and answers each
 * ReqWorkConn with a work connection whose user connection it hands to the tunnel (which opens a
 * {@code forwarded-tcpip} channel back to the SSH client). Its Login carries the client spec
 * {@code ssh-tunnel}.
 *
 * <h3>Threading</h3>
 * Everything runs on the link's loop; {@link #start()}'s future completes there.
 */
final class TunnelClient {
    private static final Logger log = LoggerFactory.getLogger(TunnelClient.class);

    private final InternalLink link;
    private final TokenAuthenticator signer;
    private final CryptoKey key;
    private final Login login;
    private final ProxyConfig proxy;
    private final String user;
    private final BiConsumer<DuplexChannel, StartWorkConn> workTarget;
    private final SocketAddress peer;
    private final CompletableFuture<NewProxyResp> result = new CompletableFuture<>();
    private volatile Channel connection;
    private YamuxSession session;
    private String runId = "";

    /**
     * @param signer     signs Login and NewWorkConn with the tunnel's token, as the server's scopes ask
     * @param key        the token's key (the control stream's encryption)
     * @param login      the Login to send (user, client spec)
     * @param proxy      the proxy to ask for
     * @param workTarget serves each started work connection (held; the proxy's wrapping on)
     * @param peer       the SSH client's address, which the tunnel's connection into jfrps stands for
     */
    TunnelClient(InternalLink link, TokenAuthenticator signer, CryptoKey key, Login login, ProxyConfig proxy,
                 BiConsumer<DuplexChannel, StartWorkConn> workTarget, SocketAddress peer) {
        this.link = link;
        this.signer = signer;
        this.key = key;
        this.login = login;
        this.proxy = proxy;
        this.user = login.user();
        this.workTarget = workTarget;
        this.peer = peer;
    }

    /**
     * Connects, logs in and asks for the proxy. Completes with the server's NewProxyResp (which may
     * carry an error), or fails: the login was refused (the server's reason as the message), or the
     * link closed first.
     */
    CompletableFuture<NewProxyResp> start() {
        link.connect(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                session = new YamuxSession(YamuxRole.CLIENT, link.mux().withAcceptBacklog(0), null);
                ch.pipeline().addLast("yamux", session);
            }
        }, peer).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            connection = f.channel();
            connection.closeFuture().addListener(c -> result.completeExceptionally(
                    new IOException("the tunnel's connection to jfrps closed")));
            session.openStream(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel stream) {
                    FrpPipelines.addMessageCodec(stream.pipeline());
                    stream.pipeline().addLast("control", new ControlHandler());
                    stream.closeFuture().addListener(c -> connection.close()); // the tunnel ends with its control
                }
            }).addListener(s -> {
                if (!s.isSuccess()) {
                    result.completeExceptionally(s.cause());
                }
            });
        });
        return result;
    }

    /** Ends the tunnel's session with jfrps: its proxy closes with it. */
    void close() {
        Channel c = connection;
        if (c != null) {
            c.close();
        }
    }

    private void openWorkConn() {
        session.openStream(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                FrpPipelines.addMessageCodec(stream.pipeline());
                stream.pipeline().addLast("work", new WorkHandler());
            }
        });
    }

    /** The control stream: Login, then NewProxy, ReqWorkConn. */
    private final class ControlHandler extends SimpleChannelInboundHandler<Message> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(signer.sign(login));
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
            if (msg instanceof LoginResp resp) {
                if (!resp.error().isEmpty()) {
                    result.completeExceptionally(new IOException(resp.error()));
                    connection.close();
                    return;
                }
                runId = resp.runId();
                FrpPipelines.encryptControlStream(ctx.pipeline(), key);
                ctx.writeAndFlush(ProxyMessages.toNewProxy(proxy, user));
            } else if (msg instanceof ReqWorkConn) {
                openWorkConn();
            } else if (msg instanceof NewProxyResp resp) {
                result.complete(resp);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.info("ssh tunnel: control connection failed: {}", cause.toString());
            connection.close();
        }
    }

    /** One work connection: NewWorkConn, then StartWorkConn hands it to the tunnel. */
    private final class WorkHandler extends SimpleChannelInboundHandler<Message> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(signer.sign(NewWorkConn.of(runId)));
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
            if (!(msg instanceof StartWorkConn start) || !start.error().isEmpty()) {
                ctx.close();
                return;
            }
            Channel work = ctx.channel();
            Relay.holdUntilJoined(work);
            ctx.pipeline().remove(this);
            FrpPipelines.startRelay(work.pipeline(), new StreamWrapping(proxy.base().transport().useEncryption(),
                    proxy.base().transport().useCompression()), key);
            workTarget.accept((DuplexChannel) work, start);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
