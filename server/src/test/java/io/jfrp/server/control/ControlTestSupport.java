package io.jfrp.server.control;

import io.jfrp.config.model.AuthConfig;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.proxy.ProxyTypeRegistry;
import io.jfrp.config.model.proxy.TcpProxyConfig;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.auth.AuthScope;
import io.jfrp.protocol.auth.TokenAuthenticator;
import io.jfrp.protocol.msg.Login;
import io.jfrp.server.proxy.Proxy;
import io.jfrp.server.proxy.ProxyContext;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.testkit.EmbeddedDuplexChannel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server's control plane on in-process channels: the real {@link ControlContext}, a registry whose
 * tcp proxies are {@link FakeProxy}s, and server connections running {@link FirstMessageHandler}
 * behind real framing, each with a {@link FrpClientPeer} on its other end.
 */
final class ControlTestSupport implements AutoCloseable {
    static final String TOKEN = "secret";

    final List<FakeProxy> proxies = new ArrayList<>();
    final ControlContext context;
    private final List<FrpClientPeer> peers = new ArrayList<>();
    private final List<EmbeddedChannel> servers = new ArrayList<>();

    ControlTestSupport(Set<AuthScope> scopes) {
        ServerConfig config = ServerConfig.loopback(TOKEN, Path.of("unused"))
                .withAuth(new AuthConfig(TOKEN, scopes));
        this.context = new ControlContext(config, ProxyTypeRegistry.<ProxyFactory>builder()
                .add(ProxyType.TCP, (c, ctx) -> {
                    FakeProxy p = new FakeProxy((TcpProxyConfig) c, ctx);
                    proxies.add(p);
                    return p;
                })
                .build());
    }

    ControlTestSupport() {
        this(Set.of());
    }

    /** A new connection (or stream) to the server, and the client peer on its other end. */
    FrpClientPeer connect() {
        return connect(new EmbeddedDuplexChannel()); // a TCP connection or yamux stream is one
    }

    /** A new TCP connection to the server from {@code remote}, and the client peer on its other end. */
    FrpClientPeer connectFrom(java.net.InetSocketAddress remote) {
        return connect(new EmbeddedDuplexChannel(new java.net.InetSocketAddress("127.0.0.1", 7000), remote));
    }

    private FrpClientPeer connect(EmbeddedChannel server) {
        FrpPipelines.addMessageCodec(server.pipeline());
        server.pipeline().addLast("first-message", new FirstMessageHandler(context));
        FrpClientPeer peer = new FrpClientPeer(server, context.tokenKey());
        servers.add(server);
        peers.add(peer);
        return peer;
    }

    /** The server end of the last {@link #connect()}. */
    EmbeddedChannel lastServer() {
        return servers.get(servers.size() - 1);
    }

    /** The seconds of the Logins' timestamps count down from here, so no two are alike (a replay is refused). */
    private static final Instant FIRST_STAMP = Instant.now();
    private static final AtomicLong STAMPS = new AtomicLong();

    /** A signed Login as frpc sends it, with a timestamp no other Login of the last 300 has. */
    static Login login(String token, String runId, int poolCount) {
        Instant stamp = FIRST_STAMP.minusSeconds(STAMPS.getAndIncrement() % 300);
        return new TokenAuthenticator(token, Set.of(), Duration.ZERO, Clock.fixed(stamp, ZoneOffset.UTC)).sign(
                Login.builder().version(FrpVersion.SPOKEN).os("linux").arch("amd64").runId(runId).poolCount(poolCount)
                        .build());
    }

    @Override
    public void close() {
        peers.forEach(FrpClientPeer::close);
        servers.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** A proxy that records what is done to it; remotePort 1 fails to start, as a refused port. */
    static final class FakeProxy implements Proxy {
        final TcpProxyConfig config;
        final ProxyContext context;
        int closed;

        FakeProxy(TcpProxyConfig config, ProxyContext context) {
            this.config = config;
            this.context = context;
        }

        @Override
        public String name() {
            return config.name();
        }

        @Override
        public Future<String> start() {
            return config.remotePort() == 1
                    ? context.executor().newFailedFuture(new io.jfrp.server.proxy.ProxyRefusal(
                            io.jfrp.server.proxy.ProxyRefusal.PORT_NOT_ALLOWED, "port 1 is not allowed (allowPorts)"))
                    : context.executor().newSucceededFuture(":" + config.remotePort());
        }

        @Override
        public void close() {
            closed++;
        }
    }
}
