package io.jfrp.server.control;

import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyMessages;
import io.jfrp.mux.YamuxStreamChannel;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.auth.AuthenticationException;
import io.jfrp.protocol.limit.BandwidthLimit;
import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.Pong;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.server.monitor.ClientSession;
import io.jfrp.server.proxy.Proxy;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.server.proxy.WorkConnBridge;
import io.jfrp.server.proxy.WorkConnSource;
import io.jfrp.server.security.AuthenticatedClient;
import io.jfrp.server.security.ProxyRights;
import io.jfrp.server.security.ServerSecurity;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * <h3>Proxies</h3>
 * A NewProxy is checked against what the client may publish ({@link ProxyRights}: field sizes, its
 * number of proxies, a table user's names, types, ports and domains), mapped to its model record
 * ({@link ProxyMessages#fromNewProxy}), admitted (a name, a type the proxy registry serves, a name no
 * other proxy holds), made by the registry and started; its start answers the NewProxyResp.
 *
 * <h3>Identity</h3>
 * The client's {@link AuthenticatedClient} (the shared token, or a user of jfrp.users) gives the keys its
 * control stream, Pings, work connections and proxies' encryption are checked and made with.
 *
 * <h3>Threading</h3>
 * Confined to the control connection's event loop; work connections and public connections from
 * other loops hop onto it through {@link #executor()}, and the pool is kept there. With tcpMux the
 * work streams are on that loop too, and a tcp proxy's public connections are accepted onto it
 * ({@link #sharedLoop()}). Without tcpMux each pooled TCP work connection stays on the worker loop
 * that accepted it, the public connections are spread over the worker loops, and a work connection
 * moves, when it is taken, onto the loop of the connection it serves ({@link WorkConnBridge}): each
 * relay runs on one loop, and one client's relays on all of them.
 */
public final class ServerControl implements WorkConnSource {
    private static final Logger log = LoggerFactory.getLogger(ServerControl.class);

    private final ControlContext server;
    private final Channel channel;
    private final Login login;
    private final ClientSession session;
    private final String runId;
    /** What the client authenticated as: its credential and key. */
    private final AuthenticatedClient client;
    private final WorkConnPool pool;
    private final Map<String, Proxy> proxies = new HashMap<>();
    /** Its place among the logged-in clients (its address, a table user's ports); closed with it. */
    private final ServerSecurity.LoggedIn loggedIn;
    private final HookCalls hookCalls;
    /** The proxies serving now, as reported to the monitor (started, not closed). */
    private final Map<String, ProxyConfig> serving = new HashMap<>();
    /**
     * The proxies' records as frps rebuilt them from NewProxy (metadatas and annotations included),
     * by name, for the dashboard API; written on the control's loop, read from any thread.
     */
    private final Map<String, ProxyConfig> records = new ConcurrentHashMap<>();
    /** Done once {@link #onClosed()} has given back everything the control held (names, ports, routes). */
    private final Promise<Void> cleanedUp;
    private boolean closed;

    ServerControl(ControlContext server, Channel channel, Login login, ClientSession session,
                  AuthenticatedClient client) {
        this.server = server;
        this.channel = channel;
        this.login = login;
        this.session = session;
        this.runId = session.runId();
        this.client = client;
        this.pool = new WorkConnPool(channel.eventLoop(), server.config().maxPoolCount(), this::requestWorkConn);
        this.loggedIn = server.security().loggedIn(runId, client, channel);
        this.hookCalls = new HookCalls(channel, this::dispatch);
        this.cleanedUp = channel.eventLoop().newPromise();
        channel.closeFuture().addListener(f -> executor().execute(this::onClosed));
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String wireProtocol() {
        return session.wireProtocol();
    }

    @Override
    public EventExecutor executor() {
        return channel.eventLoop();
    }

    /** Who the client is, as server plugins are told. */
    public ClientIdentity identity() {
        return new ClientIdentity(login.user(), login.metas(), runId);
    }

    /** The client's Login user ("" for none): the user of its visitors. */
    String user() {
        return login.user();
    }

    /** The control connection (a yamux stream with tcpMux). */
    public Channel channel() {
        return channel;
    }

    /** What the client authenticated as: the shared token or a user of jfrp.users. */
    public AuthenticatedClient client() {
        return client;
    }

    /** The handler that reads the control connection after login. */
    ChannelHandler handler() {
        return new ControlHandler();
    }

    void start() {
        if (!(channel instanceof YamuxStreamChannel) && server.config().heartbeatTimeout().toMillis() > 0) {
            // Without tcpMux, the client's Ping every heartbeatInterval is the only sign of life.
            channel.pipeline().addFirst("heartbeat-timeout",
                    new ReadTimeoutHandler(server.config().heartbeatTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        int count = Math.min(login.poolCount(), server.config().maxPoolCount());
        for (int i = 0; i < count; i++) {
            channel.write(ReqWorkConn.INSTANCE);
        }
        channel.flush();
    }

    /**
     * This client's proxies as the server keeps them (the configuration frps rebuilt from each
     * NewProxy, annotations included), by name: what the dashboard API shows. Thread-safe snapshot.
     */
    public Map<String, ProxyConfig> proxyRecords() {
        return Map.copyOf(records);
    }

    private void requestWorkConn() {
        channel.writeAndFlush(ReqWorkConn.INSTANCE);
    }

    /**
     * A work connection from this client (a stream or a connection that sent NewWorkConn), pooled on
     * the control's loop. A TCP work connection is not moved here: it stays on the worker loop that
     * accepted it until {@link WorkConnBridge} takes it and moves it onto the loop of the connection
     * it serves. Moving every one onto the control's loop (as from 2026-12-04) put all of a client's
     * relays on one thread: four iperf3 streams got no more than one (issue 16, docs/PERFORMANCE.md "Pool mode").
     */
    void offerWorkConn(Channel workConn) {
        workConn.pipeline().addLast(WorkConnBridge.IDLE_HANDLER, IdleWorkConnHandler.INSTANCE);
        executor().execute(() -> pool.offer(workConn));
    }

    /**
     * The control's loop with tcpMux (its session's streams, and so its work connections, are
     * there); null without, where each work connection is a TCP connection of its own.
     */
    @Override
    public EventExecutor sharedLoop() {
        return channel instanceof SocketChannel ? null : executor();
    }

    /** A work connection for a public connection (on the control's executor). */
    @Override
    public Future<Channel> takeWorkConn() {
        Future<Channel> taken = pool.take(server.config().userConnTimeout());
        taken.addListener(f -> {
            if (f.isSuccess()) {
                server.workConnectionsInUse().add((Channel) f.getNow());
            }
        });
        return taken;
    }

    /** Closes the control connection (and with tcpMux the session); cleanup follows its close. */
    void close(String reason) {
        log.info("closing client {}: {}", runId, reason);
        Channel connection = channel instanceof YamuxStreamChannel ? channel.parent() : channel;
        connection.close();
    }

    /**
     * Done (on this control's loop) once the control is closed and has released its proxies' names,
     * ports and routes: a client logging in again with the same run id waits for it, as frps does
     * ({@code oldCtl.WaitClosed()}), so its proxies can take them back.
     */
    Future<Void> cleanedUp() {
        return cleanedUp;
    }

    private void onClosed() {
        assert executor().inEventLoop();
        if (closed) {
            return;
        }
        closed = true;
        server.controls().remove(this);
        loggedIn.close();
        for (Proxy proxy : proxies.values()) {
            proxy.close();
            server.proxyNames().release(proxy.name(), runId);
            server.hooks().closeProxy(identity(), proxy.name());
        }
        proxies.clear();
        serving.values().forEach(server.monitoring()::proxyClosed);
        serving.clear();
        server.monitoring().clientGone(session);
        records.clear();
        pool.close();
        if (channel instanceof YamuxStreamChannel) {
            channel.parent().close();
        }
        log.info("client {} is gone; its proxies are closed", runId);
        cleanedUp.trySuccess(null);
    }

    /** Asks the server plugins first (as frp does), then jfrp's rights of the client (jfrp.users). */
    private void newProxy(NewProxy req) {
        hookCalls.await(server.hooks().newProxy(identity(), req), this::registerProxy,
                error -> refuse(req.proxyName(), error));
    }

    private void registerProxy(NewProxy asked) {
        String name = asked.proxyName();
        ProxyRights.Decision allowed = server.security().proxyRights().admit(client, asked, proxies.size());
        if (allowed.error() != null) {
            refuse(name, allowed.error());
            return;
        }
        NewProxy req = allowed.request();
        ProxyConfig config;
        try {
            config = ProxyMessages.fromNewProxy(req);
        } catch (IllegalArgumentException e) {
            refuse(name, e.getMessage());
            return;
        }
        String error = admit(config);
        if (error != null) {
            refuse(name, error);
            return;
        }
        WorkConnBridge bridge = new WorkConnBridge(this, name, StreamWrapping.of(req), client.key(),
                server.monitoring().meter(config),
                BandwidthLimit.forSide(req.bandwidthLimit(), req.bandwidthLimitMode(), BandwidthLimit.MODE_SERVER),
                server.hooks().userConns(identity(), name, req.proxyType()));
        Proxy proxy = server.proxies().factory(config).create(config, new ProxyContext(runId, user(), executor(), bridge));
        proxies.put(name, proxy);
        records.put(name, config);
        proxy.start().addListener(f -> executor().execute(() -> {
            if (f.isSuccess() && !closed && proxies.get(name) == proxy) {
                String remoteAddr = (String) f.getNow();
                log.info("client {}: proxy [{}] ({}) serving on {}", runId, name, req.proxyType(), remoteAddr);
                channel.writeAndFlush(new NewProxyResp(name, remoteAddr, ""));
                serving.put(name, config);
                server.monitoring().proxyRegistered(config, session);
            } else {
                if (proxies.remove(name, proxy)) {
                    records.remove(name);
                    server.proxyNames().release(name, runId);
                }
                proxy.close();
                // the client gets frps's text for the case, jfrps's log the detail (which port, why)
                String why = f.isSuccess() ? "client is gone" : ProxyRefusal.clientError(f.cause());
                log.warn("client {}: proxy [{}] failed: {}", runId, name,
                        f.isSuccess() ? why : ProxyRefusal.logText(f.cause()));
                channel.writeAndFlush(new NewProxyResp(name, "", why));
            }
        }));
    }

    private void refuse(String name, String error) {
        log.warn("client {}: proxy [{}] refused: {}", runId, name.length() > 80 ? name.substring(0, 80) + "..." : name,
                error);
        channel.writeAndFlush(new NewProxyResp(name, "", error));
    }

    /** Null when the proxy may be created, else the error for NewProxyResp. */
    private String admit(ProxyConfig config) {
        if (config.name().isEmpty()) {
            return "proxy name is empty";
        }
        if (!server.proxies().supports(config.type())) {
            return "proxy type [" + config.type().frpName() + "] is not supported by jfrp yet";
        }
        if (proxies.containsKey(config.name()) || !server.proxyNames().claim(config.name(), runId)) {
            return "proxy [" + config.name() + "] already exists";
        }
        return null;
    }

    private void closeProxy(CloseProxy msg) {
        Proxy proxy = proxies.remove(msg.proxyName());
        records.remove(msg.proxyName());
        if (proxy != null) {
            proxy.close();
            ProxyConfig config = serving.remove(msg.proxyName());
            if (config != null) {
                server.monitoring().proxyClosed(config);
            }
            server.proxyNames().release(proxy.name(), runId);
            server.hooks().closeProxy(identity(), proxy.name());
            log.info("client {}: proxy [{}] closed", runId, msg.proxyName());
        }
    }

    /** Handles one message of the control connection, in the order they came. */
    private void dispatch(Message msg) {
        if (msg instanceof NewProxy req) {
            newProxy(req);
        } else if (msg instanceof CloseProxy close) {
            closeProxy(close);
        } else if (msg instanceof Ping ping) {
            hookCalls.await(server.hooks().ping(identity(), ping), this::ping,
                    error -> channel.writeAndFlush(new Pong(error)));
        } else if (!NatHoleRouting.route(server.natHole(), msg, user(), channel, runId)) {
            log.debug("client {}: ignoring {}", runId, msg.type());
        }
    }

    private void ping(Ping ping) {
        try {
            client.authenticator().verifyPing(ping);
            channel.writeAndFlush(Pong.OK);
        } catch (AuthenticationException e) {
            log.warn("client {}: heartbeat refused: {}", runId, e.getMessage());
            channel.writeAndFlush(new Pong(e.responseError(ControlContext.DETAILED_ERRORS_TO_CLIENT)));
        }
    }

    /** Reads the (encrypted) control connection after login. */
    private final class ControlHandler extends SimpleChannelInboundHandler<Message> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
            hookCalls.accept(msg); // in order, after any server plugin call in flight
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.info("client {}: control connection failed: {}", runId, cause.toString());
            close("control connection failed");
        }
    }
}
