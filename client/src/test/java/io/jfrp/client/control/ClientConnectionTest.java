package io.jfrp.client.control;

import io.jfrp.client.LoginRefusedException;
import io.jfrp.client.proxy.ClientProxy;
import io.jfrp.client.proxy.ClientProxyFactory;
import io.jfrp.config.model.proxy.ProxyTypeRegistry;
import io.jfrp.client.transport.ClientEventLoops;
import io.jfrp.client.transport.OwnedConnectionsSession;
import io.jfrp.client.transport.ServerTransport;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ClientTransportConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyMessages;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.Pong;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.wire.WireProtocol;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * One connection of jfrpc to a scripted frps, on in-process channels (a session as without tcpMux, so
 * every work connection is a connection of its own): Login, NewProxy, ReqWorkConn and the work
 * connection's NewWorkConn and StartWorkConn, heartbeats, refusals.
 */
class ClientConnectionTest {
    private static final String TOKEN = "secret";

    private final ProxyConfig ssh = ProxyBuilder.tcp("ssh", "127.0.0.1", 22, 6000).build();
    private final ClientConfig config = ClientConfig.loopback(7000, TOKEN, List.of(ssh)).withTcpMux(false)
            .withUser("alice");
    private final ClientEventLoops loops = ClientEventLoops.create();
    /** Every connection the transport gave, first the control connection. */
    private final List<EmbeddedChannel> connections = new ArrayList<>();
    private final List<Channel> served = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();
    private final List<FrpServerPeer> peers = new ArrayList<>();
    private final ClientContext context = contextFor(config);

    private ClientContext contextFor(ClientConfig config) {
        ServerTransport transport = () -> ImmediateEventExecutor.INSTANCE.newSucceededFuture(new EmbeddedSession());
        ProxyTypeRegistry<ClientProxyFactory> proxies = ProxyTypeRegistry.<ClientProxyFactory>builder()
                .add(ProxyType.TCP, (c, dialer) -> new ClientProxy() {
                    @Override
                    public ProxyConfig config() {
                        return c;
                    }

                    @Override
                    public void serve(Channel work) {
                        served.add(work);
                    }
                })
                .build();
        return new ClientContext(config, loops, transport, proxies, new ConnectionEvents() {
            @Override
            public void onProxyResult(NewProxyResp resp) {
                events.add(resp);
            }

            @Override
            public void onDisconnected(ClientConnection connection) {
                events.add("disconnected");
            }
        });
    }

    @AfterEach
    void tearDown() {
        peers.forEach(FrpServerPeer::close);
        connections.forEach(EmbeddedChannel::finishAndReleaseAll);
        loops.close();
    }

    /** The session: every connection an in-process one, the given handler in place when it becomes active. */
    private final class EmbeddedSession extends OwnedConnectionsSession {
        EmbeddedSession() {
            super(ImmediateEventExecutor.INSTANCE.newPromise());
        }

        @Override
        public Future<Channel> openConnection(ChannelHandler handler) {
            EmbeddedChannel ch = handler == null ? new EmbeddedChannel() : new EmbeddedChannel(handler);
            ch.freezeTime();
            connections.add(ch);
            return ch.eventLoop().newSucceededFuture(ch);
        }

        @Override
        protected void closeConnections() {
            connections.forEach(EmbeddedChannel::close);
        }
    }

    private FrpServerPeer serverFor(int connection) {
        FrpServerPeer peer = new FrpServerPeer(connections.get(connection), TOKEN);
        peers.add(peer);
        return peer;
    }

    /** Connects, reads the Login, answers it; returns the server's end of the control connection. */
    private FrpServerPeer loggedIn(ClientConnection connection) throws Exception {
        Future<Void> login = connection.connect();
        FrpServerPeer server = serverFor(0);
        assertThat(server.next()).isInstanceOf(Login.class);
        server.send(LoginResp.success(FrpVersion.SPOKEN, "run1"));
        login.get(5, TimeUnit.SECONDS);
        return server;
    }

    @Test
    void theLoginIsSignedAndCarriesFrpsVersionThePoolAndThePreviousRunId() throws IOException {
        new ClientConnection(context, "old-run").connect();
        FrpServerPeer server = serverFor(0);

        Login login = (Login) server.next();

        assertThat(login.version()).isEqualTo(FrpVersion.SPOKEN);
        // as stock frpc 0.70 sends it (Go's os.Hostname(), on Linux the kernel's host name)
        if (Files.isReadable(Path.of("/proc/sys/kernel/hostname"))) {
            assertThat(login.hostname()).isNotEmpty()
                    .isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
        }
        assertThat(login.user()).isEqualTo("alice");
        assertThat(login.runId()).isEqualTo("old-run");
        assertThat(login.poolCount()).isEqualTo(1);
        assertThat(login.privilegeKey()).isEqualTo(AuthKeys.privilegeKey(TOKEN, login.timestamp()));
    }

    @Test
    void afterTheLoginEveryProxyIsAskedForOnTheEncryptedControlStream() throws Exception {
        ClientConnection connection = new ClientConnection(context, null);

        FrpServerPeer server = loggedIn(connection);

        assertThat(connection.runId()).isEqualTo("run1");
        // without tcpMux frpc pings (every 30 s), the first Ping ahead of the proxies
        assertThat(server.drain()).containsExactly(Ping.EMPTY, ProxyMessages.toNewProxy(ssh, "alice"));
        server.send(new NewProxyResp("alice.ssh", ":6000", ""));
        assertThat(events).containsExactly(new NewProxyResp("alice.ssh", ":6000", ""));
    }

    @Test
    void aRefusedLoginFailsTheConnectWithTheServersReasonAndCloses() {
        ClientConnection connection = new ClientConnection(context, null);
        Future<Void> login = connection.connect();
        FrpServerPeer server = serverFor(0);
        server.next();

        server.send(LoginResp.failure(FrpVersion.SPOKEN, "token in login doesn't match token from configuration"));

        Throwable failure = catchThrowable(() -> login.get(5, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(LoginRefusedException.class)
                .hasMessageContaining("token in login doesn't match");
        assertThat(connections.get(0).isOpen()).isFalse();
        assertThat(events).contains("disconnected");
    }

    @Test
    void aServerThatClosesBeforeTheLoginCompletesIsTheReason() {
        Future<Void> login = new ClientConnection(context, null).connect();

        connections.get(0).close();
        connections.get(0).runPendingTasks();

        Throwable failure = catchThrowable(() -> login.get(5, TimeUnit.SECONDS));
        assertThat(failure).cause().isInstanceOf(IOException.class)
                .hasMessage("the server closed the connection before the login completed");
    }

    @Test
    void aReqWorkConnOpensAWorkConnectionThatAnnouncesItselfAndServesTheProxyOnStartWorkConn() throws Exception {
        FrpServerPeer control = loggedIn(new ClientConnection(context, null));
        control.drain();

        control.send(ReqWorkConn.INSTANCE);

        assertThat(connections).as("a new connection from the transport").hasSize(2);
        FrpServerPeer work = serverFor(1);
        assertThat(work.next()).isEqualTo(NewWorkConn.of("run1"));
        work.send(new StartWorkConn("alice.ssh", "203.0.113.9", "127.0.0.1", 40000, 6000, ""));
        assertThat(served).containsExactly(connections.get(1));
        assertThat(connections.get(1).pipeline().get(FrpPipelines.FRAME_DECODER)).as("bytes from here").isNull();
        assertThat(connections.get(1).config().isAutoRead()).as("held until the relay").isFalse();
        assertThat(context.workConnectionsInUse().contains(connections.get(1))).isTrue();
    }

    @Test
    void aStartWorkConnForAnUnknownProxyOrWithAnErrorClosesTheWorkConnection() throws Exception {
        FrpServerPeer control = loggedIn(new ClientConnection(context, null));
        control.send(ReqWorkConn.INSTANCE).send(ReqWorkConn.INSTANCE);
        FrpServerPeer unknown = serverFor(1);
        FrpServerPeer refused = serverFor(2);
        unknown.next();
        refused.next();

        unknown.send(new StartWorkConn("alice.nope", "", "", 0, 0, ""));
        refused.send(new StartWorkConn("alice.ssh", "", "", 0, 0, "no such proxy on the server"));

        assertThat(connections.get(1).isOpen()).isFalse();
        assertThat(connections.get(2).isOpen()).isFalse();
        assertThat(served).isEmpty();
    }

    @Test
    void withoutTcpMuxTheFirstPingGoesOutRightAfterTheLoginThenEveryIntervalAndAPongWithAnErrorEndsIt()
            throws Exception {
        FrpServerPeer control = loggedIn(new ClientConnection(context, null));
        EmbeddedChannel ch = connections.get(0);

        // frpc's heartbeat worker pings at once (wait.BackoffUntil runs before it first waits); the
        // clock is frozen, so nothing here waited for it
        assertThat(control.drain()).first().isEqualTo(Ping.EMPTY);
        ch.advanceTimeBy(config.heartbeatInterval().toMillis() - 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(control.drain()).as("no second Ping before the interval").isEmpty();
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(control.drain()).singleElement().isInstanceOf(Ping.class);

        control.send(new Pong("invalid ping"));
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aHeartbeatIntervalOfMinusOneSendsNoPingAtAll() throws Exception {
        ClientConfig off = config.withHeartbeat(Duration.ofSeconds(-1), Duration.ofSeconds(-1));
        FrpServerPeer control = loggedIn(new ClientConnection(contextFor(off), null));
        EmbeddedChannel ch = connections.get(0);

        assertThat(control.drain()).containsExactly(ProxyMessages.toNewProxy(ssh, "alice"));
        ch.advanceTimeBy(1, TimeUnit.HOURS);
        ch.runScheduledPendingTasks();
        assertThat(control.drain()).isEmpty();
    }

    @Test
    void withWireV2TheControlAndWorkConnectionsSpeakV2AndTheControlStreamIsAead() throws Exception {
        ClientContext v2 = contextFor(config.withTransport(ClientTransportConfig.DEFAULT.withWireProtocol(WireProtocol.V2)));
        ClientConnection connection = new ClientConnection(v2, null);

        FrpServerPeer control = loggedIn(connection);

        assertThat(control.protocol()).isEqualTo(WireProtocol.V2);
        assertThat(control.drain()).as("the first Ping and NewProxy, through the negotiated AEAD")
                .containsExactly(Ping.EMPTY, ProxyMessages.toNewProxy(ssh, "alice"));
        control.send(ReqWorkConn.INSTANCE);
        FrpServerPeer work = serverFor(1);
        assertThat(work.next()).isEqualTo(NewWorkConn.of("run1"));
        assertThat(work.protocol()).isEqualTo(WireProtocol.V2);
        work.send(new StartWorkConn("alice.ssh", "203.0.113.9", "127.0.0.1", 40000, 6000, ""));
        assertThat(served).containsExactly(connections.get(1));
    }

    @Test
    void aServerHelloWithAnErrorIsARefusedLogin() {
        ClientContext v2 = contextFor(config.withTransport(ClientTransportConfig.DEFAULT.withWireProtocol(WireProtocol.V2)));
        Future<Void> login = new ClientConnection(v2, null).connect();
        EmbeddedChannel ch = connections.get(0);
        byte[] hello = "{\"selected\":{\"message\":{\"codec\":\"json\"},\"crypto\":{}},\"error\":\"no supported crypto algorithm\"}"
                .getBytes(StandardCharsets.UTF_8);

        ch.writeInbound(Unpooled.buffer().writeShort(2).writeShort(0).writeInt(hello.length).writeBytes(hello));

        Throwable failure = catchThrowable(() -> login.get(5, TimeUnit.SECONDS));
        assertThat(failure).cause().isInstanceOf(LoginRefusedException.class)
                .hasMessageContaining("wire protocol v2 negotiation failed").hasMessageContaining("no supported crypto");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void noLoginRespWithinTenSecondsFailsTheLoginAsStockFrpcDoes() {
        Future<Void> login = new ClientConnection(context, null).connect();
        assertThat(serverFor(0).next()).isInstanceOf(Login.class);
        EmbeddedChannel ch = connections.get(0);

        ch.advanceTimeBy(ClientConnection.LOGIN_TIMEOUT_SECONDS - 1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(login.isDone()).isFalse();
        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();

        Throwable failure = catchThrowable(() -> login.get(5, TimeUnit.SECONDS));
        assertThat(failure).cause().isInstanceOf(IOException.class).hasMessage("no answer to Login within 10 s");
        assertThat(ch.isOpen()).isFalse();
    }
}
