package io.jfrp.e2e.xtcp;

import io.jfrp.client.cli.Jfrpc;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.server.cli.Jfrps;
import io.jfrp.testkit.netns.NatTopology;
import io.jfrp.testkit.netns.NetnsLab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the xtcp tests in network namespaces share: hash-checked transfers from a site's host
 * ({@link NetnsTcpTool}), the public host's byte counters (iptables on its eth0, which the test sets
 * up), waiting for log lines, and the command lines of our programs. One lab at a time ({@link #use}).
 */
final class XtcpNetnsTools {
    static final long BYTES = 4L * 1024 * 1024;

    private static NatTopology net;
    private static Path dir;
    private static Path serverLog;

    private XtcpNetnsTools() {
    }

    /**
     * Builds a lab: one site per entry behind its NAT, coturn on the WAN (its log in {@code dir}), and
     * iptables rules counting the bytes in and out of the public host's eth0 ({@link #serverBytes}).
     * Skipped (failed in CI) without root, iptables, conntrack, coturn or ss.
     */
    static NatTopology buildLab(Path dir, Map<String, NatTopology.Nat> sites) throws Exception {
        NetnsLab.requireSupported("iptables", "conntrack", "turnserver", "ss");
        NatTopology topology = NatTopology.build(sites);
        topology.startCoturn(dir.resolve("coturn.log"));
        topology.lab().iptables(topology.publicHost(), "-A", "INPUT", "-i", "eth0");
        topology.lab().iptables(topology.publicHost(), "-A", "OUTPUT", "-o", "eth0");
        return topology;
    }

    /** The lab the helpers work in: its topology, the directory for files, the server's log. */
    static void use(NatTopology topology, Path directory, Path log) {
        net = topology;
        dir = directory;
        serverLog = log;
    }

    /**
     * Starts stock frpc on {@code site}'s host with {@code clientToml} and one xtcp visitor "sq" of
     * proxy "p2p" (encrypted, tunnel kept open) listening on {@code bindPort}; its log is
     * frpc-stock-SITE.log.
     */
    static void startStockFrpcVisitor(String site, String clientToml, String secretKey, int bindPort) throws Exception {
        startStockFrpc(site, "frpc-stock-" + site, clientToml + StockFrp.logConfig() + """
                        [[visitors]]
                        name = "sq"
                        type = "xtcp"
                        serverName = "p2p"
                        secretKey = "%s"
                        bindPort = %d
                        keepTunnelOpen = true
                        transport.useEncryption = true
                        """.formatted(secretKey, bindPort));
    }

    /** Starts jfrps on the public host with {@code toml} written to NAME.toml; its log is NAME.log. */
    static Process startJfrps(String name, String toml) throws IOException {
        return net.lab().start(net.publicHost(), dir.resolve(name + ".log"),
                java(Jfrps.class.getName(), "-c", write(name + ".toml", toml)));
    }

    /** Starts jfrpc on {@code site}'s host with {@code toml} written to NAME.toml; returns its log, NAME.log. */
    static Path startJfrpc(String site, String name, String toml) throws IOException {
        Path log = dir.resolve(name + ".log");
        net.lab().start(net.site(site).hostNs(), log, java(Jfrpc.class.getName(), "-c", write(name + ".toml", toml)));
        return log;
    }

    /** Starts stock frpc on {@code site}'s host with {@code toml} written to NAME.toml; its log is NAME.log. */
    static void startStockFrpc(String site, String name, String toml) throws IOException {
        net.lab().start(net.site(site).hostNs(), dir.resolve(name + ".log"), StockFrp.home().resolve("frpc").toString(),
                "-c", writeText(name + ".toml", toml));
    }

    /** Starts the echo service ({@link NetnsTcpTool}) on {@code site}'s host at {@code port}; log echo-SITE.log. */
    static void startEcho(String site, int port) throws IOException {
        net.lab().start(net.site(site).hostNs(), dir.resolve("echo-" + site + ".log"),
                java(NetnsTcpTool.class.getName(), "echo", String.valueOf(port)));
    }

    static void assertPeerToPeer(String site, int port, long seed) throws Exception {
        long before = serverBytes();
        String result = transfer(site, port, seed);
        assertHashesMatch(result);
        long through = serverBytes() - before;
        assertThat(through).as("bytes through the server's interface while %d bytes went each way: %s", BYTES, result)
                .isLessThan(BYTES / 8);
    }

    /** Retries a transfer until it works (a stock visitor's tunnel comes up by itself, unannounced). */
    static void awaitTransferWorks(String site, int port, long seed) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                assertHashesMatch(transfer(site, port, seed));
                return;
            } catch (AssertionError | IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(2000);
            }
        }
    }

    static void assertHashesMatch(String result) {
        Matcher m = Pattern.compile("sent=(\\w+) received=(\\w+) bytes=(\\d+)").matcher(result);
        assertThat(m.find()).as("tool output: %s", result).isTrue();
        assertThat(m.group(2)).as("SHA-256 of what came back").isEqualTo(m.group(1));
        assertThat(Long.parseLong(m.group(3))).isEqualTo(BYTES);
    }

    static String transfer(String site, int port, long seed) throws Exception {
        Process p = net.lab().start(net.site(site).hostNs(), null,
                java(NetnsTcpTool.class.getName(), "send", String.valueOf(port), String.valueOf(BYTES),
                        String.valueOf(seed)));
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("transfer via port " + port + " in site " + site + " did not end in 90 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("transfer via port " + port + " in site " + site + " failed: " + out);
        }
        return out.strip();
    }

    /** Bytes in and out of the public host's interface (where jfrps is), from iptables' counters. */
    static long serverBytes() throws IOException {
        long total = 0;
        for (String chain : List.of("INPUT", "OUTPUT")) {
            String out = net.lab().exec(net.publicHost(), "iptables", "-w", "-nvx", "-L", chain);
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 6 && line.contains("eth0") && f[0].matches("\\d+")) {
                    total += Long.parseLong(f[1]);
                }
            }
        }
        return total;
    }

    static int count(Path log, String text) throws IOException {
        String all = Files.readString(log);
        int n = 0;
        for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    static void awaitCount(Path log, String text, int atLeast, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (count(log, text) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("\"" + text + "\" not seen " + atLeast + " times in " + log + " within "
                        + seconds + " s:\n" + Files.readString(log));
            }
            Thread.sleep(500);
        }
    }

    static void awaitLog(Path log, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + text + "\" in " + log + " within " + seconds + " s:\n"
                        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
            }
            Thread.sleep(200);
        }
    }

    static void awaitTcp(String ns, String port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!net.lab().exec(ns, "ss", "-H", "-t", "-l", "-n").contains(port)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing listening on " + port + " in " + ns + ":\n"
                        + Files.readString(serverLog));
            }
            Thread.sleep(100);
        }
    }

    static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static String writeText(String name, String content) throws IOException {
        return write(name, content).toString();
    }

    static String[] java(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dio.netty.leakDetection.level=paranoid",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    static String[] java(String mainClass, String arg0, Path file) {
        return java(mainClass, arg0, file.toString());
    }
}
