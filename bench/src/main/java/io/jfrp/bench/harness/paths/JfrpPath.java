package io.jfrp.bench.harness.paths;

import io.jfrp.bench.harness.BenchContext;
import io.jfrp.bench.harness.Net;
import io.jfrp.bench.harness.PublicEndpoint;
import io.jfrp.bench.tunnel.Child;
import io.jfrp.bench.tunnel.TunnelProcess;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * jfrps and jfrpc, each its own JVM ({@link TunnelProcess} with {@code --config}), configured by
 * generated frps.toml / frpc.toml ({@link JfrpConfigWriter}) for one {@link JfrpMode}. The public
 * endpoint is the proxy's remotePort on jfrps (the vhostHTTPPort with Host {@code bench.test} for the
 * vhost mode).
 */
public final class JfrpPath extends ServerClientPath {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final JfrpMode mode;
    private final Placement placement;
    private final Path dir;
    private final long timeoutSeconds;

    public JfrpPath(JfrpMode mode, Placement placement, BenchContext ctx, long timeoutSeconds) {
        super("server", "client", Duration.ofSeconds(5));
        this.mode = mode;
        this.placement = placement;
        this.dir = Launch.workDir(ctx, mode.pathName());
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public String name() {
        return mode.pathName();
    }

    @Override
    public boolean httpOnly() {
        return mode.vhostHttp();
    }

    @Override
    public synchronized PublicEndpoint publish(InetSocketAddress service) throws Exception {
        checkNotPublished();
        String token = UUID.randomUUID().toString();
        int bindPort = Net.freePort();
        int publicPort = Net.freePort();
        Path serverToml = dir.resolve("frps.toml");
        Path clientToml = dir.resolve("frpc.toml");
        Files.writeString(serverToml, JfrpConfigWriter.server(mode, new JfrpConfigWriter.Server(placement.serverHost(),
                bindPort, token, publicPort, dir.resolve("self-signed").toString())), StandardCharsets.UTF_8);
        Files.writeString(clientToml, JfrpConfigWriter.client(mode, new JfrpConfigWriter.Client(placement.serverHost(),
                bindPort, token, "bench", service.getHostString(), service.getPort(), publicPort)),
                StandardCharsets.UTF_8);
        Child server = serverStarted(start("server", serverToml, placement.serverNetns(), "jfrps"));
        server.awaitLine("READY", READY_TIMEOUT);
        Child client = clientStarted(start("client", clientToml, placement.clientNetns(), "jfrpc"));
        String line = client.awaitFirst(READY_TIMEOUT, "READY", "REFUSED");
        if (line.startsWith("REFUSED")) {
            throw new PathUnavailableException(name() + ": jfrps refused the proxy: "
                    + line.substring("REFUSED".length()).trim());
        }
        return new PublicEndpoint(new InetSocketAddress(placement.serverHost(), publicPort),
                mode.vhostHttp() ? JfrpMode.VHOST_DOMAIN : null);
    }

    private Child start(String role, Path config, String netns, String label) throws IOException {
        List<String> cmd = Launch.inNetns(netns, Launch.java(TunnelProcess.class, List.of(role, "--config",
                config.toString(), "--timeout", String.valueOf(timeoutSeconds))));
        return Child.start(name() + " " + label, cmd, dir.resolve(label + ".log"));
    }
}
