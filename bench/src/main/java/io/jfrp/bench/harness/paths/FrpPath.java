package io.jfrp.bench.harness.paths;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.Net;
import io.jfrp.bench.harness.PublicEndpoint;
import io.jfrp.bench.tunnel.Child;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Stock frp: the user's frps and frpc binaries (from {@code --frp-home} / FRP_HOME) with a
 * configuration in the format their version reads ({@link FrpConfigWriter}), on 127.0.0.1. Ready
 * when frps's bindPort and then the proxy's remotePort accept connections.
 */
public final class FrpPath extends ServerClientPath {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final FrpConfigWriter.Mode mode;
    private final Path frpHome;
    private final FrpVersion version;
    private final Path dir;

    public FrpPath(FrpConfigWriter.Mode mode, Path frpHome, FrpVersion version, BenchContext ctx) {
        super("server", "client", Duration.ofMillis(200));
        this.mode = mode;
        this.frpHome = frpHome;
        this.version = version;
        this.dir = Launch.workDir(ctx, mode.pathName());
    }

    @Override
    public String name() {
        return mode.pathName();
    }

    @Override
    public synchronized PublicEndpoint publish(InetSocketAddress service) throws Exception {
        checkNotPublished();
        String token = UUID.randomUUID().toString();
        int bindPort = Net.freePort();
        int publicPort = Net.freePort();
        Path serverConfig = dir.resolve(FrpConfigWriter.fileName("frps", version));
        Path clientConfig = dir.resolve(FrpConfigWriter.fileName("frpc", version));
        Files.writeString(serverConfig, FrpConfigWriter.server(version, mode, Net.LOOPBACK, bindPort, token),
                StandardCharsets.UTF_8);
        Files.writeString(clientConfig, FrpConfigWriter.client(version, mode, Net.LOOPBACK, bindPort, token,
                service.getHostString(), service.getPort(), publicPort), StandardCharsets.UTF_8);
        Child frps = serverStarted(Child.start(name() + " frps", List.of(frpHome.resolve("frps").toString(), "-c", serverConfig.toString()),
                dir.resolve("frps.log")));
        Net.awaitAccepting(new InetSocketAddress(Net.LOOPBACK, bindPort), READY_TIMEOUT, frps.process::isAlive, "frps");
        Child frpc = clientStarted(Child.start(name() + " frpc", List.of(frpHome.resolve("frpc").toString(), "-c", clientConfig.toString()),
                dir.resolve("frpc.log")));
        InetSocketAddress pub = new InetSocketAddress(Net.LOOPBACK, publicPort);
        Net.awaitAccepting(pub, READY_TIMEOUT, frpc.process::isAlive, "frpc");
        return new PublicEndpoint(pub, null);
    }
}
