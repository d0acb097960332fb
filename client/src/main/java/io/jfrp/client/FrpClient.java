package io.jfrp.client;

import io.jfrp.certs.TlsClientContext;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.certs.TlsContexts;
import io.jfrp.protocol.auth.TokenAuthenticator;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.NewProxyResp;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * jfrpc: keeps a connection to the server, logs in, starts its proxies, and serves work
 * connections; reconnects with exponential backoff and jitter when the connection is lost.
 *
 * <h3>Lifecycle</h3>
 * {@link #start()} makes the first attempt. If it fails and loginFailExit is set, the client stops
 * and {@link #terminated()} completes exceptionally with the reason; otherwise it keeps trying.
 * After a successful login any disconnect leads to a new attempt (1 s doubling to 20 s, plus up
 * to 50% jitter), logging in again with the previous run_id so the server replaces the old
 * control. {@link #close()} stops everything.
 */
public final class FrpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrpClient.class);

    private final ClientConfig options;
    private final Transport transport = new Transport();
    private final TokenAuthenticator authenticator;
    private final CryptoKey tokenKey;
    private final TlsClientContext tls;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20));
    private final Map<String, ProxyConfig> proxiesByWireName = new ConcurrentHashMap<>();
    private final Map<String, NewProxyResp> proxyResults = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstLogin = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    /** Work connections relaying to a local service now; a closed one leaves by itself. */
    private final ChannelGroup workConnsInUse = new DefaultChannelGroup("work-connections-in-use",
            GlobalEventExecutor.INSTANCE);
    private volatile ClientConnection current;
    private volatile String runId;
    private volatile boolean closed;

    public FrpClient(ClientConfig options) throws IOException {
        this.options = options;
        this.authenticator = new TokenAuthenticator(options.auth().token(), options.auth().additionalScopes(), Duration.ZERO);
        this.tokenKey = CryptoKey.fromSecret(options.auth().token());
        this.tls = options.tls().enable() ? TlsContexts.client(options.tls().trustedCaFile(), options.tls().certFile(),
                options.tls().keyFile(), options.tls().serverName()) : null;
        for (ProxyConfig p : options.proxies()) {
            proxiesByWireName.put(options.wireName(p.name()), p);
        }
    }

    /** Starts connecting; the future completes with the first successful login, or its failure. */
    public CompletableFuture<Void> start() {
        attempt(true);
        return firstLogin;
    }

    /** Completes when the client has stopped: by {@link #close()}, or loginFailExit. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** The server's answer for each proxy, by proxy name (without the user prefix). */
    public Map<String, NewProxyResp> proxyResults() {
        Map<String, NewProxyResp> byName = new ConcurrentHashMap<>();
        proxyResults.forEach((wire, resp) -> {
            ProxyConfig p = proxiesByWireName.get(wire);
            byName.put(p == null ? wire : p.name(), resp);
        });
        return byName;
    }

    /**
     * The work connections relaying to a local service now: with tcpMux, yamux streams whose windows
     * and queues can be read on their loops.
     */
    public List<Channel> workConnections() {
        return List.copyOf(workConnsInUse);
    }

    ChannelGroup workConnectionsInUse() {
        return workConnsInUse;
    }

    /** The run id the server gave at the last login, or null before any. */
    public String runId() {
        return runId;
    }

    private void attempt(boolean first) {
        if (closed) {
            return;
        }
        ClientConnection connection = new ClientConnection(this, runId);
        current = connection;
        connection.connect().addListener(f -> {
            if (f.isSuccess()) {
                runId = connection.runId();
                backoff.reset();
                firstLogin.complete(null);
                return;
            }
            Throwable cause = f.cause();
            if (first && options.loginFailExit()) {
                log.error("login to the server failed: {}. With loginFailExit = true, jfrpc exits; set it to "
                        + "false to keep retrying", describe(cause));
                firstLogin.completeExceptionally(cause);
                terminated.completeExceptionally(cause);
                close();
                return;
            }
            log.warn("connecting to {}:{} failed: {}", options.serverAddr(), options.serverPort(), describe(cause));
            if (first) {
                firstLogin.completeExceptionally(cause);
            }
            scheduleReconnect();
        });
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The connection ended; try again unless closed. Called on the connection's event loop. */
    void onDisconnected(ClientConnection connection) {
        if (connection == current && connection.runId() != null && !closed) {
            log.warn("connection to the server lost; reconnecting");
            proxyResults.clear();
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        Duration delay = backoff.nextDelay();
        log.info("reconnecting in {} ms", delay.toMillis());
        transport.group.schedule(() -> attempt(false), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onProxyResult(NewProxyResp resp) {
        proxyResults.put(resp.proxyName(), resp);
        if (resp.error().isEmpty()) {
            log.info("[{}] start proxy success, remote address {}", resp.proxyName(), resp.remoteAddr());
        } else {
            log.warn("[{}] start error: {}", resp.proxyName(), resp.error());
        }
    }

    ProxyConfig proxyByWireName(String wireName) {
        return proxiesByWireName.get(wireName);
    }

    ClientConfig options() {
        return options;
    }

    Transport transport() {
        return transport;
    }

    TokenAuthenticator authenticator() {
        return authenticator;
    }

    CryptoKey tokenKey() {
        return tokenKey;
    }

    TlsClientContext tls() {
        return tls;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ClientConnection c = current;
        if (c != null) {
            c.close();
        }
        // Quiet period above zero: with zero, Netty 4.2's SingleThreadIoEventLoop may terminate
        // without closing its channels (work and local connections would stay open).
        transport.group.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS);
        terminated.complete(null);
    }
}
