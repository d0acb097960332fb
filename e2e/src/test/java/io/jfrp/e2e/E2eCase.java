package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end test classes share: a temporary directory, a {@link E2e.Closer} emptied after
 * each test, and jfrps/jfrpc on loopback built from the model with the changes a test needs
 * ({@code c -> c.withTcpMux(false)}).
 */
public abstract class E2eCase {
    @TempDir
    protected Path dir;
    protected final E2e.Closer closer = new E2e.Closer();

    @AfterEach
    void closeEverything() throws Exception {
        closer.close();
    }

    /** A started jfrps on loopback with {@code token} and a free bindPort, changed by {@code change}. */
    protected FrpServer server(String token, UnaryOperator<ServerConfig> change) throws Exception {
        return closer.add(E2e.startServer(dir, token, change));
    }

    /** A jfrpc toward {@code serverPort} with {@code proxies}, changed by {@code change}; not started. */
    protected FrpClient client(int serverPort, String token, List<? extends ProxyConfig> proxies,
                               UnaryOperator<ClientConfig> change) throws IOException {
        return closer.add(new FrpClient(change.apply(ClientConfig.loopback(serverPort, token, proxies))));
    }

    /** A jfrpc toward {@code serverPort} with {@code proxies}, logged in (its proxies may be on their way). */
    protected FrpClient clientLoggedIn(int serverPort, String token, List<? extends ProxyConfig> proxies)
            throws Exception {
        return closer.add(E2e.startClient(serverPort, token, proxies));
    }

    /**
     * A jfrpc toward {@code serverPort} with one tcp proxy {@code name} of 127.0.0.1:{@code localPort}
     * on {@code remotePort}, logged in, its proxy up.
     */
    protected FrpClient tcpClientUp(int serverPort, String token, String name, int localPort, int remotePort,
                                    UnaryOperator<ClientConfig> change) throws Exception {
        FrpClient client = client(serverPort, token, List.of(ProxyBuilder.tcp(name, "127.0.0.1", localPort, remotePort)
                .build()), change);
        client.start().get(10, TimeUnit.SECONDS);
        E2e.awaitProxyUp(client, name, remotePort);
        return client;
    }

    /**
     * Logs in a jfrpc with {@code first} (each must come up), then a second jfrpc with {@code refused};
     * the error each of the latter's proxies got, by name ("" when it came up).
     */
    protected Map<String, String> proxyErrors(int serverPort, String token, List<ProxyConfig> first,
                                              List<ProxyConfig> refused) throws Exception {
        try (FrpClient holder = client(serverPort, token, first, c -> c);
             FrpClient asker = client(serverPort, token, refused, c -> c)) {
            holder.start().get(20, TimeUnit.SECONDS);
            for (ProxyConfig p : first) {
                assertThat(E2e.awaitProxy(holder, p.name()).error()).as(p.name()).isEmpty();
            }
            asker.start().get(20, TimeUnit.SECONDS);
            Map<String, String> errors = new LinkedHashMap<>();
            for (ProxyConfig p : refused) {
                errors.put(p.name(), E2e.awaitProxy(asker, p.name()).error());
            }
            return errors;
        }
    }
}
