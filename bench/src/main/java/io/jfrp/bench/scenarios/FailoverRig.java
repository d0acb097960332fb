package io.jfrp.bench.scenarios;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.paths.Child;
import io.jfrp.bench.paths.FrpPath;
import io.jfrp.bench.paths.FrpToml;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.TransportMode;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The deployment of docs/multi-server.md as child processes: {@code servers} jfrps (public ports on
 * 127.0.0.2, 127.0.0.3, ...), one jfrpc on all of them ({@code jfrp.servers}) publishing a local
 * service as tcp proxy {@code bench}, and HAProxy in front, checking each server's {@code GET /healthz}.
 */
final class FailoverRig implements AutoCloseable {
    static final int CHECK_INTER_MS = 500;
    private static final Duration READY = Duration.ofSeconds(60);

    private final List<Child> servers = new ArrayList<>();
    private final List<Child> others = new ArrayList<>();
    private InetSocketAddress front;

    private FailoverRig() {
    }

    static FailoverRig start(BenchContext ctx, int serverCount, InetSocketAddress service) throws Exception {
        FailoverRig rig = new FailoverRig();
        try {
            rig.startAll(ctx, serverCount, service);
            return rig;
        } catch (Exception e) {
            rig.close();
            throw e;
        }
    }

    private void startAll(BenchContext ctx, int serverCount, InetSocketAddress service) throws Exception {
        Path dir = ctx.newLogDir("failover-" + serverCount);
        FrpPath.Programs jfrp = FrpPath.Programs.jfrp(ctx);
        String token = UUID.randomUUID().toString();
        int remotePort = Net.freePort();
        List<Integer> bindPorts = new ArrayList<>();
        List<Integer> webPorts = new ArrayList<>();
        for (int i = 0; i < serverCount; i++) {
            int bindPort = Net.freePort();
            bindPorts.add(bindPort);
            int webPort = Net.freePort();
            webPorts.add(webPort);
            Map<String, Object> k = FrpToml.server(TransportMode.MUX_TLS, new FrpToml.Server(Net.LOOPBACK, bindPort,
                    token, 0));
            k.putAll(FrpToml.keys("proxyBindAddr", proxyAddr(i), "webServer.addr", Net.LOOPBACK, "webServer.port", webPort,
                    "jfrp.selfSignedDir", dir.resolve("tls-" + i).toString()));
            Child s = jfrp.start("jfrps-" + i, jfrp.server(), dir, k);
            servers.add(s);
            s.awaitAccepting(new InetSocketAddress(Net.LOOPBACK, bindPort), READY);
        }
        Map<String, Object> proxy = FrpToml.proxy("bench", "tcp", service.getHostString(), service.getPort());
        proxy.put("remotePort", remotePort);
        Map<String, Object> c = FrpToml.keys("auth.token", token, "loginFailExit", true, "log.level", "info",
                "jfrp.servers", bindPorts.stream().map(p -> Net.LOOPBACK + ":" + p).toList(), "proxies", List.of(proxy));
        Child client = jfrp.start("jfrpc", jfrp.client(), dir, c);
        others.add(client);
        for (int i = 0; i < serverCount; i++) {
            String line = client.awaitLine(READY, "[bench] start proxy success", "[bench] start error");
            if (line.contains("start error")) {
                throw new IllegalStateException("a server refused the proxy: " + line);
            }
        }
        int frontPort = Net.freePort();
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 4000
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    timeout check 1s
                    retries 2
                    option redispatch 1
                frontend bench_in
                    bind 127.0.0.1:%d
                    default_backend jfrps
                backend jfrps
                    balance roundrobin
                    option httpchk GET /healthz
                """.formatted(frontPort));
        for (int i = 0; i < serverCount; i++) {
            cfg.append("    server s").append(i).append(' ').append(proxyAddr(i)).append(':').append(remotePort)
                    .append(" check addr 127.0.0.1 port ").append(webPorts.get(i)).append(" inter ")
                    .append(CHECK_INTER_MS).append(" fall 2 rise 2\n");
        }
        Path cfgFile = Files.writeString(dir.resolve("haproxy.cfg"), cfg, StandardCharsets.UTF_8);
        Child haproxy = Child.start("haproxy", List.of("haproxy", "-db", "-f", cfgFile.toString()),
                dir.resolve("haproxy.log"));
        others.add(haproxy);
        front = new InetSocketAddress(Net.LOOPBACK, frontPort);
        haproxy.awaitAccepting(front, Duration.ofSeconds(10));
    }

    InetSocketAddress front() {
        return front;
    }

    /** SIGKILL of jfrps number {@code i} (bin/jfrps execs the JVM: the child is jfrps itself). */
    void kill(int i) throws InterruptedException {
        servers.get(i).process.destroyForcibly();
        servers.get(i).process.waitFor();
    }

    private static String proxyAddr(int i) {
        return "127.0.0." + (2 + i);
    }

    @Override
    public void close() {
        Stream.concat(others.stream(), servers.stream()).forEach(c -> c.stop(Duration.ofSeconds(2)));
    }
}
