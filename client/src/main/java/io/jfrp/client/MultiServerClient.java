package io.jfrp.client;

import io.jfrp.client.servers.ServerLinkStatus;
import io.jfrp.client.transport.ClientEventLoops;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerAddress;
import io.jfrp.protocol.msg.NewProxyResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * jfrpc connected to several servers at once ({@code jfrp.servers}): one {@link FrpClient} per server,
 * all on one set of event loops, each with its own connection, login, reconnect backoff and run id,
 * and each registering every proxy. Any server can then serve any public connection, and a load
 * balancer in front of them (docs/multi-server.md) hides the loss of one: the others carry on
 * untouched while the lost one's client reconnects on its own.
 *
 * <h3>Lifecycle</h3>
 * {@link #start()} starts every connection and completes with the first login that succeeds. When the
 * first attempt to every server has failed, it fails; with loginFailExit the client then stops (as
 * frpc does with its one server), otherwise every connection keeps retrying. A server refusing or
 * failing later never stops the others. {@link #close()} stops every connection, then the loops.
 *
 * <h3>Visitors</h3>
 * A visitor is one local listener, not one per server: each visitor connection goes through the first
 * server of the list that is online ({@link #firstOnline()}), so it moves to the next when one is
 * lost and back when it returns.
 *
 * <h3>Threading</h3>
 * Thread-safe: the members are, and the futures are completed from their loops.
 */
public final class MultiServerClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MultiServerClient.class);

    private final ClientConfig config;
    private final ClientEventLoops loops;
    private final List<FrpClient> members;
    private final CompletableFuture<Void> firstLogin = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile boolean closed;

    /** @throws IOException when the TLS files cannot be read */
    public MultiServerClient(ClientConfig config) throws IOException {
        this(config, ClientEventLoops.create());
    }

    private MultiServerClient(ClientConfig config, ClientEventLoops loops) throws IOException {
        this.config = config;
        this.loops = loops;
        List<FrpClient> made = new ArrayList<>();
        try {
            for (ServerAddress server : config.servers()) {
                // Each member retries on its own; whether to give up is decided here, for all.
                made.add(new FrpClient(config.forServer(server).withLoginFailExit(false), loops));
            }
        } catch (IOException | RuntimeException e) {
            made.forEach(FrpClient::close);
            loops.close();
            throw e;
        }
        this.members = List.copyOf(made);
    }

    /** Connects to every server; completes with the first login, fails when every first attempt failed. */
    public CompletableFuture<Void> start() {
        AtomicInteger failed = new AtomicInteger();
        for (FrpClient member : members) {
            member.start().whenComplete((ok, error) -> {
                if (error == null) {
                    firstLogin.complete(null);
                } else if (failed.incrementAndGet() == members.size() && !firstLogin.isDone()) {
                    allFirstAttemptsFailed(error);
                }
            });
        }
        return firstLogin;
    }

    private void allFirstAttemptsFailed(Throwable last) {
        if (config.loginFailExit()) {
            log.error("login to every server ({}) failed. With loginFailExit = true, jfrpc exits; set it to "
                    + "false to keep retrying", config.servers());
            firstLogin.completeExceptionally(last);
            terminated.completeExceptionally(last);
            close();
        } else {
            log.warn("no server ({}) accepted the first login; every connection keeps retrying", config.servers());
            firstLogin.completeExceptionally(last);
        }
    }

    /** Completes when the client has stopped: by {@link #close()}, or loginFailExit. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** The client of each server, in the order of {@code jfrp.servers}. */
    public List<FrpClient> members() {
        return members;
    }

    /** Each server's connection, in list order. */
    public List<ServerLinkStatus> statuses() {
        return members.stream().map(FrpClient::linkStatus).toList();
    }

    /** The first server of the list that is online now: where a visitor connection goes. */
    public Optional<FrpClient> firstOnline() {
        return members.stream().filter(FrpClient::isOnline).findFirst();
    }

    /** Each server's answers to the proxies, by server, in list order. */
    public Map<ServerAddress, Map<String, NewProxyResp>> proxyResults() {
        Map<ServerAddress, Map<String, NewProxyResp>> out = new LinkedHashMap<>();
        for (FrpClient m : members) {
            out.put(m.linkStatus().server(), m.proxyResults());
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        members.forEach(FrpClient::close);
        loops.close();
        terminated.complete(null);
    }
}
