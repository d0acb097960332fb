package io.jfrp.e2e.udp;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.config.model.visitor.VisitorTransport;
import io.jfrp.config.model.visitor.VisitorType;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.server.FrpServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The three programs of a visit, each ours (in this JVM) or stock frp 0.70.0 (a process): the
 * server, the client that owns the proxies, the client whose visitors reach them. Every program it
 * starts is stopped by {@link #close()}; {@link #stockLogs()} quotes the stock programs' logs for
 * failure messages.
 */
final class Peers implements AutoCloseable {
    /** Which implementation plays a part. */
    enum Impl { JFRP, FRP }

    /** A proxy of the owner: udp, stcp or sudp. */
    record ProxySpec(ProxyType type, String name, int localPort, int remotePort, String secretKey,
                     List<String> allowUsers, boolean encryption, boolean compression) {
        static ProxySpec secret(ProxyType type, String name, int localPort, String secretKey) {
            return new ProxySpec(type, name, localPort, 0, secretKey, List.of(), false, false);
        }

        ProxySpec allowing(String... users) {
            return new ProxySpec(type, name, localPort, remotePort, secretKey, List.of(users), encryption, compression);
        }

        ProxySpec wrapped(boolean encrypt, boolean compress) {
            return new ProxySpec(type, name, localPort, remotePort, secretKey, allowUsers, encrypt, compress);
        }
    }

    /** A visitor: stcp or sudp. */
    record VisitorSpec(VisitorType type, String name, String serverUser, String serverName, String secretKey,
                       int bindPort, boolean encryption, boolean compression) {
        static VisitorSpec of(VisitorType type, String name, String serverName, String secretKey, int bindPort) {
            return new VisitorSpec(type, name, "", serverName, secretKey, bindPort, false, false);
        }

        VisitorSpec ofUser(String user) {
            return new VisitorSpec(type, name, user, serverName, secretKey, bindPort, encryption, compression);
        }

        VisitorSpec wrapped(boolean encrypt, boolean compress) {
            return new VisitorSpec(type, name, serverUser, serverName, secretKey, bindPort, encrypt, compress);
        }
    }

    private final Path dir;
    private final String token;
    private final E2e.Closer closer = new E2e.Closer();
    private final List<StockFrp> stock = new ArrayList<>();
    private int programs;
    /** transport.wireProtocol of the stock owner and visitor clients; empty: not set (v1). */
    private String ownerWire = "";
    private String visitorWire = "";

    Peers(Path dir, String token) {
        this.dir = dir;
        this.token = token;
    }

    /** Sets the clients' {@code transport.wireProtocol} ("v1", "v2"; empty leaves it unset). */
    Peers wireProtocols(String owner, String visitor) {
        this.ownerWire = owner;
        this.visitorWire = visitor;
        return this;
    }

    /** Starts the server; returns its bindPort. */
    int server(Impl impl, UnaryOperator<ServerConfig> change) throws Exception {
        if (impl == Impl.JFRP) {
            FrpServer server = closer.add(E2e.startServer(dir.resolve("jfrps"), token, change));
            return server.address().getPort();
        }
        int port = StockFrp.freePort();
        StockFrp frps = stock("frps", "bindAddr = \"127.0.0.1\"\nbindPort = " + port + "\nauth.token = \"" + token
                + "\"\n" + StockFrp.logConfig());
        frps.awaitLog("frps started successfully", 10);
        return port;
    }

    /** Starts a client of {@code user} with {@code proxies}, their registration confirmed. */
    Object owner(Impl impl, int serverPort, String user, List<ProxySpec> proxies) throws Exception {
        if (impl == Impl.JFRP) {
            List<ProxyConfig> configs = proxies.stream().map(Peers::proxy).toList();
            FrpClient client = closer.add(new FrpClient(wired(ClientConfig.loopback(serverPort, token, configs)
                    .withUser(user), ownerWire)));
            client.start().get(10, TimeUnit.SECONDS);
            for (ProxySpec p : proxies) {
                E2e.awaitProxy(client, p.name());
            }
            return client;
        }
        StringBuilder toml = new StringBuilder(clientCommon(serverPort, user, ownerWire));
        for (ProxySpec p : proxies) {
            toml.append("\n[[proxies]]\nname = \"").append(p.name()).append("\"\ntype = \"")
                    .append(p.type().frpName()).append("\"\nlocalIP = \"127.0.0.1\"\nlocalPort = ")
                    .append(p.localPort()).append('\n');
            if (p.type() == ProxyType.UDP) {
                toml.append("remotePort = ").append(p.remotePort()).append('\n');
            } else {
                toml.append("secretKey = \"").append(p.secretKey()).append("\"\n");
                if (!p.allowUsers().isEmpty()) {
                    toml.append("allowUsers = [").append(p.allowUsers().stream().map(u -> "\"" + u + "\"")
                            .collect(Collectors.joining(", "))).append("]\n");
                }
            }
            toml.append("transport.useEncryption = ").append(p.encryption()).append('\n')
                    .append("transport.useCompression = ").append(p.compression()).append('\n');
        }
        StockFrp frpc = stock("frpc", toml.toString());
        for (ProxySpec p : proxies) {
            frpc.awaitLog("[" + p.name() + "] start proxy success", 10);
        }
        return frpc;
    }

    /** Starts a client of {@code user} with {@code visitors}, logged in with its visitors bound. */
    Object visitor(Impl impl, int serverPort, String user, List<VisitorSpec> visitors) throws Exception {
        if (impl == Impl.JFRP) {
            List<VisitorConfig> configs = visitors.stream().map(Peers::visitor).toList();
            FrpClient client = closer.add(new FrpClient(wired(ClientConfig.loopback(serverPort, token, List.of())
                    .withUser(user).withVisitors(configs), visitorWire)));
            client.start().get(10, TimeUnit.SECONDS);
            return client;
        }
        StringBuilder toml = new StringBuilder(clientCommon(serverPort, user, visitorWire));
        for (VisitorSpec v : visitors) {
            toml.append("\n[[visitors]]\nname = \"").append(v.name()).append("\"\ntype = \"")
                    .append(v.type().frpName()).append("\"\nserverName = \"").append(v.serverName())
                    .append("\"\nsecretKey = \"").append(v.secretKey()).append("\"\nbindAddr = \"127.0.0.1\"\nbindPort = ")
                    .append(v.bindPort()).append('\n');
            if (!v.serverUser().isEmpty()) {
                toml.append("serverUser = \"").append(v.serverUser()).append("\"\n");
            }
            toml.append("transport.useEncryption = ").append(v.encryption()).append('\n')
                    .append("transport.useCompression = ").append(v.compression()).append('\n');
        }
        StockFrp frpc = stock("frpc", toml.toString());
        frpc.awaitLog("login to server success", 10);
        frpc.awaitLog("start visitor success", 10);
        return frpc;
    }

    /** {@code config} with transport.wireProtocol {@code wire} (unchanged when empty). */
    private static ClientConfig wired(ClientConfig config, String wire) {
        return wire.isEmpty() ? config : config.withTransport(config.transport()
                .withWireProtocol(io.jfrp.protocol.wire.WireProtocol.fromConfigName(wire)));
    }

    private String clientCommon(int serverPort, String user, String wire) {
        return "serverAddr = \"127.0.0.1\"\nserverPort = " + serverPort + "\nauth.token = \"" + token + "\"\n"
                + (wire.isEmpty() ? "" : "transport.wireProtocol = \"" + wire + "\"\n")
                + (user.isEmpty() ? "" : "user = \"" + user + "\"\n") + "loginFailExit = true\n" + StockFrp.logConfig();
    }

    private StockFrp stock(String program, String config) throws IOException {
        Path home = Files.createDirectories(dir.resolve(program + "-" + programs++));
        StockFrp p = closer.add(StockFrp.start(program, home, config));
        stock.add(p);
        return p;
    }

    /** The stock programs' logs so far, for failure messages and log checks. */
    String stockLogs() {
        StringBuilder b = new StringBuilder();
        for (StockFrp p : stock) {
            b.append("\n----- stock frp log -----\n").append(p.log());
        }
        return b.toString();
    }

    static ProxyConfig proxy(ProxySpec p) {
        ProxyBuilder<ProxyConfig> b = ProxyBuilder.of(p.type(), p.name()).local("127.0.0.1", p.localPort())
                .wrapping(p.encryption(), p.compression());
        if (p.type() == ProxyType.UDP) {
            b.remotePort(p.remotePort());
        } else {
            b.secretKey(p.secretKey()).allowUsers(p.allowUsers());
        }
        return b.build();
    }

    static VisitorConfig visitor(VisitorSpec v) {
        return VisitorBuilder.of(v.type(), v.name()).server(v.serverUser(), v.serverName()).secretKey(v.secretKey())
                .bind("127.0.0.1", v.bindPort()).transport(new VisitorTransport(v.encryption(), v.compression()))
                .build();
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
