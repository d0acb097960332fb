package io.jfrp.bench.tunnel;

import io.jfrp.client.FrpClient;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.LoadedConfig;
import io.jfrp.config.cli.CliPreparation;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One end of a tunnel for {@link TunnelIperfBenchmark}, in its own JVM: a jfrps ({@code server})
 * or a jfrpc with one tcp proxy ({@code client}), configured from the command line; or, for the
 * reference path, a minimal TCP forwarder ({@code relay}: no frp, no TLS, no yamux). Prints
 * {@code READY ...} on stdout once serving (the client: once logged in and its proxy is up), then
 * runs until its stdin reaches end of file (the benchmark closing it, or dying) or {@code --timeout}
 * passes. Exit 2 when it cannot start.
 *
 * <p>With {@code --config FILE} a server or client takes everything from a jfrps/jfrpc configuration
 * file (frp TOML, INI or HOCON), read exactly as {@code bin/jfrps -c FILE} / {@code bin/jfrpc -c FILE}
 * read it, and the other options are ignored: the benchmark harness ({@code io.jfrp.bench.harness})
 * writes such files so that what it measures is configured the way users configure jfrp. A client
 * then waits for the server's answer to every proxy and prints {@code REFUSED name: error} (exit 3)
 * when one is refused, for example a proxy type this jfrps does not serve.
 */
@Command(name = "jfrp-tunnel-process", mixinStandardHelpOptions = true, sortOptions = false,
        description = "jfrps, jfrpc or a plain TCP relay for the tunnel benchmark; runs until stdin closes.")
public final class TunnelProcess implements Callable<Integer> {
    enum Role { server, client, relay }

    @Parameters(index = "0", description = "server, client or relay")
    Role role;
    @Option(names = "--token", description = "auth.token")
    String token;
    @Option(names = "--tcp-mux", description = "transport.tcpMux (default: ${DEFAULT-VALUE})", defaultValue = "true",
            arity = "1")
    boolean tcpMux;
    @Option(names = "--tls", description = "server: transport.tls.force; client: transport.tls.enable "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "true", arity = "1")
    boolean tls;
    @Option(names = "--bind-port", description = "server: bindPort")
    int bindPort;
    @Option(names = "--self-signed-dir", description = "server: where its self-signed certificate is kept")
    Path selfSignedDir;
    @Option(names = "--server-port", description = "client: serverPort")
    int serverPort;
    @Option(names = "--pool-count", description = "client: transport.poolCount (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    int poolCount;
    @Option(names = "--local-port", description = "client: the proxy's localPort (on 127.0.0.1)")
    int localPort;
    @Option(names = "--remote-port", description = "client: the proxy's remotePort")
    int remotePort;
    @Option(names = "--listen-port", description = "relay: port to accept on (127.0.0.1)")
    int listenPort;
    @Option(names = "--target-port", description = "relay: port every accepted connection is forwarded to (127.0.0.1)")
    int targetPort;
    @Option(names = "--timeout", description = "seconds to run at most (default: ${DEFAULT-VALUE})", defaultValue = "3600")
    long timeoutSeconds;
    @Option(names = "--config", description = "server or client: a jfrps/jfrpc configuration file (frp TOML, INI or "
            + "HOCON); the other options are then ignored")
    Path config;

    /** A refused proxy: printed as {@code REFUSED ...}, exit 3. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TunnelProcess()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        AutoCloseable running;
        try {
            running = switch (role) {
                case server -> startServer();
                case client -> startClient();
                case relay -> PlainRelay.start(listenPort, targetPort);
            };
        } catch (Refused e) {
            System.out.println("REFUSED " + e.getMessage());
            System.out.flush();
            return 3;
        } catch (Exception e) {
            System.err.println("cannot start " + role + ": " + e);
            e.printStackTrace();
            return 2;
        }
        Thread stdin = new Thread(TunnelProcess::drainStdin, "stdin-watch");
        stdin.setDaemon(true);
        stdin.start();
        stdin.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
        running.close();
        return 0;
    }

    private static void drainStdin() {
        byte[] b = new byte[256];
        try {
            InputStream in = System.in;
            while (in.read(b) >= 0) {
                // nothing: only end of file matters
            }
        } catch (IOException e) {
            // treated as end of file
        }
    }

    private AutoCloseable startServer() throws Exception {
        if (config != null) {
            ServerConfig o = prepare("jfrps", ConfigLoader::forServer, LoadedConfig::serverConfig,
                    ServerConfig::logLevel);
            FrpServer server = new FrpServer(o).start();
            System.out.println("READY server " + server.address().getPort());
            System.out.flush();
            return server;
        }
        ServerConfig o = ServerConfig.loopback(token, selfSignedDir)
                .withBindPort(bindPort)
                .withTcpMux(tcpMux)
                .withTls(tls, null, null, null);
        FrpServer server = new FrpServer(o).start();
        System.out.println("READY server " + server.address().getPort());
        System.out.flush();
        return server;
    }

    private AutoCloseable startClient() throws Exception {
        ClientConfig o;
        if (config != null) {
            o = prepare("jfrpc", ConfigLoader::forClient, LoadedConfig::clientConfig, ClientConfig::logLevel);
        } else {
            o = ClientConfig.loopback(serverPort, token, List.of(ProxyBuilder.tcp("iperf", "127.0.0.1", localPort,
                            remotePort).build()))
                    .withTcpMux(tcpMux)
                    .withTls(tls, null, null, null, null)
                    .withPoolCount(poolCount);
        }
        if (o.proxies().isEmpty()) {
            throw new Refused("no proxy to start: jfrpc left out every proxy of " + config + " (see its warnings)");
        }
        FrpClient client = new FrpClient(o);
        try {
            client.start().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            StringBuilder remote = new StringBuilder();
            for (ProxyConfig p : o.proxies()) {
                NewProxyResp resp;
                while ((resp = client.proxyResults().get(p.name())) == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no answer to NewProxy " + p.name() + " within 30 s");
                    }
                    Thread.sleep(20);
                }
                if (!resp.error().isEmpty()) {
                    throw new Refused(p.name() + ": " + resp.error());
                }
                remote.append(' ').append(resp.remoteAddr());
            }
            System.out.println("READY client" + remote);
            System.out.flush();
            return client;
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    /** Options from {@code --config}, read as the jfrps/jfrpc command lines read it; problems go to stderr. */
    private <C> C prepare(String program, java.util.function.Function<com.typesafe.config.Config, ConfigLoader> loader,
                          java.util.function.Function<LoadedConfig, C> settings,
                          java.util.function.Function<C, String> logLevel) {
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        CliPreparation.Prepared<C> p = CliPreparation.prepare(program, config, err, loader, settings);
        if (p == null) {
            throw new IllegalArgumentException("invalid configuration " + config + " (problems above)");
        }
        p.warnings().forEach(w -> err.println("warning: " + w));
        io.jfrp.config.cli.CliLogging.applyLevel(logLevel.apply(p.config()));
        return p.config();
    }
}
