package io.jfrp.server;

import io.jfrp.mux.YamuxStreamChannel;
import io.jfrp.protocol.auth.AuthenticationException;
import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.Pong;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One logged-in client on the server: its control connection (encrypted after login), its proxies,
 * and its pool of work connections.
 *
 * <h3>Lifecycle</h3>
 * Created at login, {@link #start()}ed once the LoginResp is written: it asks for the client's
 * pre-opened work connections (ReqWorkConn × min(pool_count, maxPoolCount)). It ends when the
 * control connection closes (the client left, timed out, or logged in again with the same run_id):
 * its proxies' listeners close, their ports and names are released, idle work connections close.
 * With tcpMux the whole session goes with it.
 *
 * <h3>Threading</h3>
 * Confined to the control connection's event loop; work connections and public connections from
 * other loops hop onto it through {@link #executor()}.
 */
final class ServerControl {
    private static final Logger log = LoggerFactory.getLogger(ServerControl.class);

    private final ServerContext server;
    private final Channel channel;
    private final Login login;
    private final String runId;
    private final WorkConnPool pool;
    private final Map<String, Proxy> proxies = new HashMap<>();
    private boolean closed;

    ServerControl(ServerContext server, Channel channel, Login login, String runId) {
        this.server = server;
        this.channel = channel;
        this.login = login;
        this.runId = runId;
        this.pool = new WorkConnPool(channel.eventLoop(), server.options.maxPoolCount(), this::requestWorkConn);
        channel.closeFuture().addListener(f -> executor().execute(this::onClosed));
    }

    String runId() {
        return runId;
    }

    EventExecutor executor() {
        return channel.eventLoop();
    }

    ServerContext server() {
        return server;
    }

    /** The handler that reads the control connection after login. */
    ChannelHandler handler() {
        return new ControlHandler();
    }

    void start() {
        if (!(channel instanceof YamuxStreamChannel) && server.options.heartbeatTimeout().toMillis() > 0) {
            // Without tcpMux, the client's Ping every heartbeatInterval is the only sign of life.
            channel.pipeline().addFirst("heartbeat-timeout",
                    new ReadTimeoutHandler(server.options.heartbeatTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        int count = Math.min(login.poolCount(), server.options.maxPoolCount());
        for (int i = 0; i < count; i++) {
            channel.write(ReqWorkConn.INSTANCE);
        }
        channel.flush();
    }

    private void requestWorkConn() {
        channel.writeAndFlush(ReqWorkConn.INSTANCE);
    }

    /** A work connection from this client (a stream or a connection that sent NewWorkConn). */
    void offerWorkConn(Channel workConn) {
        workConn.pipeline().addLast("idle-work-conn", IdleWorkConnHandler.INSTANCE);
        executor().execute(() -> pool.offer(workConn));
    }

    /** A work connection for a public connection (on the control's executor). */
    Future<Channel> takeWorkConn() {
        return pool.take(server.options.userConnTimeout());
    }

    /** Closes the control connection (and with tcpMux the session); cleanup follows its close. */
    void close(String reason) {
        log.info("closing client {}: {}", runId, reason);
        Channel connection = channel instanceof YamuxStreamChannel ? channel.parent() : channel;
        connection.close();
    }

    private void onClosed() {
        if (closed) {
            return;
        }
        closed = true;
        server.controls.remove(this);
        for (Proxy proxy : proxies.values()) {
            proxy.close();
            server.proxyNames.release(proxy.name(), runId);
        }
        proxies.clear();
        pool.close();
        if (channel instanceof YamuxStreamChannel) {
            channel.parent().close();
        }
        log.info("client {} is gone; its proxies are closed", runId);
    }

    private void newProxy(NewProxy req) {
        String name = req.proxyName();
        String error = admit(req);
        if (error != null) {
            log.warn("client {}: proxy [{}] refused: {}", runId, name, error);
            channel.writeAndFlush(new NewProxyResp(name, "", error));
            return;
        }
        Proxy proxy = ProxyFactory.create(this, req);
        proxies.put(name, proxy);
        proxy.start().addListener(f -> executor().execute(() -> {
            if (f.isSuccess() && !closed && proxies.get(name) == proxy) {
                String remoteAddr = (String) f.getNow();
                log.info("client {}: proxy [{}] ({}) serving on {}", runId, name, req.proxyType(), remoteAddr);
                channel.writeAndFlush(new NewProxyResp(name, remoteAddr, ""));
            } else {
                if (proxies.remove(name, proxy)) {
                    server.proxyNames.release(name, runId);
                }
                proxy.close();
                String why = f.isSuccess() ? "client is gone" : errorText(f.cause());
                log.warn("client {}: proxy [{}] failed: {}", runId, name, why);
                channel.writeAndFlush(new NewProxyResp(name, "", why));
            }
        }));
    }

    private static String errorText(Throwable cause) {
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** A bridge for a proxy kind outside this package (the vhosts) to reach this client. */
    WorkConnBridge bridge(NewProxy req) {
        return new WorkConnBridge(this, req);
    }

    /** Null when the proxy may be created, else the error for NewProxyResp. */
    private String admit(NewProxy req) {
        if (req.proxyName().isEmpty()) {
            return "proxy name is empty";
        }
        if (!ProxyFactory.supports(req.proxyType())) {
            return "proxy type [" + req.proxyType() + "] is not supported by jfrp yet";
        }
        if (proxies.containsKey(req.proxyName()) || !server.proxyNames.claim(req.proxyName(), runId)) {
            return "proxy [" + req.proxyName() + "] already exists";
        }
        return null;
    }

    private void closeProxy(CloseProxy msg) {
        Proxy proxy = proxies.remove(msg.proxyName());
        if (proxy != null) {
            proxy.close();
            server.proxyNames.release(proxy.name(), runId);
            log.info("client {}: proxy [{}] closed", runId, msg.proxyName());
        }
    }

    /** Reads the (encrypted) control connection after login. */
    private final class ControlHandler extends SimpleChannelInboundHandler<Message> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
            if (msg instanceof NewProxy req) {
                newProxy(req);
            } else if (msg instanceof CloseProxy close) {
                closeProxy(close);
            } else if (msg instanceof Ping ping) {
                try {
                    server.authenticator.verifyPing(ping);
                    ctx.writeAndFlush(Pong.OK);
                } catch (AuthenticationException e) {
                    log.warn("client {}: heartbeat refused: {}", runId, e.getMessage());
                    ctx.writeAndFlush(new Pong(e.responseError(ServerContext.DETAILED_ERRORS_TO_CLIENT)));
                }
            } else {
                log.debug("client {}: ignoring {}", runId, msg.type());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.info("client {}: control connection failed: {}", runId, cause.toString());
            close("control connection failed");
        }
    }

    /** On a pooled work connection: nothing is expected until StartWorkConn is sent. */
    @ChannelHandler.Sharable
    static final class IdleWorkConnHandler extends ChannelInboundHandlerAdapter {
        static final IdleWorkConnHandler INSTANCE = new IdleWorkConnHandler();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            log.info("closing work connection {}: unexpected message before StartWorkConn", ctx.channel());
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
