package io.jfrp.testkit.netns;

import io.jfrp.testkit.Closing;
import io.jfrp.testkit.RequiredTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away network of Linux network namespaces for a test: namespaces, veth links, addresses,
 * routes, forwarding, firewall and NAT rules (iptables, nft backend), commands and processes inside
 * them. Everything it makes exists only inside its own namespaces, whose names carry a random id,
 * so runs in parallel worktrees never meet; {@link #close()} ends the processes it started and
 * deletes every namespace, which takes their links and rules with them, even after a failed setup.
 *
 * <p>Needs root, iproute2 and (for NAT) iptables; {@link #requireSupported(String...)} ends the
 * calling test through {@link RequiredTools} otherwise: a skip on a developer's machine, a failure
 * in CI.
 *
 * <pre>{@code
 * try (NetnsLab lab = new NetnsLab("nat")) {
 *     String wan = lab.namespace("wan");
 *     String host = lab.namespace("host");
 *     lab.link(wan, "h0", "198.18.0.1/24", host, "eth0", "198.18.0.2/24");
 *     lab.exec(host, "ip", "route", "add", "default", "via", "198.18.0.1");
 *     Process p = lab.start(host, logFile, "some-daemon", "--flag");
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one test thread builds and closes it.
 */
public final class NetnsLab implements AutoCloseable {
    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /**
     * @param label a short word naming the test's lab (letters and digits, kept short: namespace
     *              names become {@code jfrp-<label>-<6 hex>-<name>})
     */
    public NetnsLab(String label) {
        if (!label.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("label must be 1-8 lowercase letters or digits: " + label);
        }
        byte[] id = new byte[3];
        new SecureRandom().nextBytes(id);
        this.prefix = "jfrp-" + label + "-" + HexFormat.of().formatHex(id) + "-";
    }

    /**
     * Ends the calling test unless this machine can build labs: root, {@code ip}, and the given
     * extra tools (such as {@code iptables}, {@code conntrack}).
     */
    public static void requireSupported(String... tools) {
        List<String> all = new ArrayList<>(List.of("ip"));
        all.addAll(Arrays.asList(tools));
        RequiredTools.requireOnPath(all.toArray(String[]::new));
        if (!isRoot()) {
            RequiredTools.missing("network namespace tests need root (ip netns, veth, iptables)");
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Creates a namespace with loopback up and IPv6 off.
     *
     * @param name a short name, unique in this lab
     * @return the namespace's full name, for every other call
     */
    public String namespace(String name) throws IOException {
        String ns = prefix + name;
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        exec(ns, "ip", "link", "set", "lo", "up");
        exec(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        return ns;
    }

    /**
     * Joins two namespaces with a veth pair, addresses both ends (CIDR, or null for none) and brings
     * them up. Interface names need only be unique within their namespace (at most 15 characters).
     */
    public void link(String nsA, String ifA, String cidrA, String nsB, String ifB, String cidrB) throws IOException {
        run("ip", "-n", nsA, "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", nsB);
        up(nsA, ifA, cidrA);
        up(nsB, ifB, cidrB);
    }

    private void up(String ns, String dev, String cidr) throws IOException {
        if (cidr != null) {
            exec(ns, "ip", "addr", "add", cidr, "dev", dev);
        }
        exec(ns, "ip", "link", "set", dev, "up");
    }

    /** Adds an address to a device (such as extra addresses on {@code lo}). */
    public void address(String ns, String dev, String cidr) throws IOException {
        exec(ns, "ip", "addr", "add", cidr, "dev", dev);
    }

    /** Makes {@code ns} a router. */
    public void forwarding(String ns) throws IOException {
        exec(ns, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    }

    /** {@code ip route add default via gateway} inside {@code ns}. */
    public void defaultRoute(String ns, String gateway) throws IOException {
        exec(ns, "ip", "route", "add", "default", "via", gateway);
    }

    /** Runs {@code iptables} with {@code args} inside {@code ns}. */
    public void iptables(String ns, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("iptables"));
        cmd.addAll(Arrays.asList(args));
        exec(ns, cmd.toArray(String[]::new));
    }

    /**
     * Runs a command inside {@code ns} and returns its standard output.
     *
     * @throws IOException with the command, exit code and output if it fails or takes over 30 s
     */
    public String exec(String ns, String... command) throws IOException {
        return run(inNetns(ns, command).toArray(String[]::new));
    }

    /** {@code ip netns exec ns command...}, which execs: the process is the command itself. */
    private static List<String> inNetns(String ns, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(Arrays.asList(command));
        return cmd;
    }

    /**
     * Starts a long-running process inside {@code ns}; {@link #close()} ends it. Its output goes to
     * {@code log} (standard error merged), or stays available on the process's streams when null.
     */
    public Process start(String ns, Path log, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(inNetns(ns, command));
        if (log != null) {
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /**
     * Starts a process inside {@code ns} whose standard input and output stay piped to the test (a
     * scripted peer), standard error going to {@code errorLog}; {@link #close()} ends it.
     */
    public Process startPiped(String ns, Path errorLog, String... command) throws IOException {
        Process p = new ProcessBuilder(inNetns(ns, command)).redirectError(errorLog.toFile()).start();
        processes.add(p);
        return p;
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out after " + COMMAND_TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + out.strip());
        }
        return out;
    }

    /**
     * Ends the processes this lab started (politely, then forcibly, each with its descendants) and
     * deletes its namespaces. Failures are collected; the first is thrown with the rest suppressed.
     */
    @Override
    public void close() throws IOException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try {
            Closing.lastFirst(namespaces, ns -> run("ip", "netns", "del", ns));
        } finally {
            namespaces.clear();
        }
    }
}
