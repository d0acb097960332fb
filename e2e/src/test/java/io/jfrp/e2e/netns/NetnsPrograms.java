package io.jfrp.e2e.netns;

import io.jfrp.testkit.netns.NetnsLab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programs of the firewall tests, each started inside a namespace of a {@link NetnsLab}: jfrps and
 * jfrpc as users run them ({@code bin/jfrps -c FILE}, {@code bin/jfrpc -c FILE}), and small python3
 * services (a TCP echo, an HTTP file server) and clients (a hash-checked echo). Every process ends with
 * the lab.
 */
public final class NetnsPrograms {
    private final NetnsLab lab;
    private final Path dir;
    private final Path root;

    /** @param dir where configuration files and logs go */
    NetnsPrograms(NetnsLab lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
        this.root = projectRoot();
    }

    /** The project's root (surefire runs in the module's directory). */
    public static Path projectRoot() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return Files.isExecutable(here.resolve("bin/jfrps")) ? here : here.getParent();
    }

    /** A started program with its log. */
    record Program(Process process, Path log) {
        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        /** Waits until the log has {@code text}; fails quoting the log after {@code seconds}. */
        Program awaitLog(String text, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                if (output().contains(text)) {
                    return this;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("exited (" + process.exitValue() + ") before logging '" + text + "':\n"
                            + output());
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no '" + text + "' within " + seconds + " s:\n" + output());
        }
    }

    /** {@code bin/jfrps -c <name>.toml} in {@code ns}. */
    Program jfrps(String ns, String name, String toml) throws IOException {
        return start(ns, name, root.resolve("bin/jfrps").toString(), "-c", write(name + ".toml", toml).toString());
    }

    /** {@code bin/jfrpc -c <name>.toml} in {@code ns}. */
    Program jfrpc(String ns, String name, String toml) throws IOException {
        return start(ns, name, root.resolve("bin/jfrpc").toString(), "-c", write(name + ".toml", toml).toString());
    }

    /** A TCP echo service on 127.0.0.1:{@code port} in {@code ns}. */
    Program echoService(String ns, int port) throws IOException {
        return start(ns, "echo-" + port, "python3", "-c", """
                import socket, sys, threading
                s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("127.0.0.1", int(sys.argv[1])))
                s.listen(64)
                print("echo listening", flush=True)
                def echo(c):
                    while True:
                        d = c.recv(65536)
                        if not d:
                            break
                        c.sendall(d)
                    c.close()
                while True:
                    c, _ = s.accept()
                    threading.Thread(target=echo, args=(c,), daemon=True).start()
                """, Integer.toString(port));
    }

    /** A UDP echo service on 127.0.0.1:{@code port} in {@code ns}: each datagram goes back to its sender. */
    Program udpEchoService(String ns, int port) throws IOException {
        return start(ns, "udp-echo-" + port, "python3", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind(("127.0.0.1", int(sys.argv[1])))
                print("udp echo listening", flush=True)
                while True:
                    d, a = s.recvfrom(65535)
                    s.sendto(d, a)
                """, Integer.toString(port));
    }

    /**
     * In {@code ns}: sends {@code count} datagrams of random bytes (1 to 1400 each) to {@code host:port},
     * one at a time, each retried until its echo comes back (up to 10 tries of 1 s; a tunnel that is
     * still opening may drop the first); returns "sha256-sent sha256-received" over all of them.
     */
    String udpEchoHashes(String ns, String host, int port, int count) throws IOException {
        return lab.exec(ns, "python3", "-c", """
                import hashlib, os, random, socket, sys
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.settimeout(1.0)
                target = (sys.argv[1], int(sys.argv[2]))
                sent, back = hashlib.sha256(), hashlib.sha256()
                for i in range(int(sys.argv[3])):
                    data = os.urandom(random.randint(1, 1400))
                    sent.update(data)
                    for attempt in range(10):
                        s.sendto(data, target)
                        try:
                            while True:
                                got = s.recv(65535)
                                if got == data:
                                    break
                            back.update(got)
                            break
                        except socket.timeout:
                            continue
                print(sent.hexdigest(), back.hexdigest())
                """, host, Integer.toString(port), Integer.toString(count)).strip();
    }

    /** An HTTP server of {@code directory} on 127.0.0.1:{@code port} in {@code ns}. */
    Program httpServer(String ns, int port, Path directory) throws IOException {
        return start(ns, "http-" + port, "python3", "-u", "-m", "http.server", Integer.toString(port), "--bind",
                "127.0.0.1", "--directory", directory.toString());
    }

    /**
     * In {@code ns}: connects to {@code host:port}, sends {@code size} random bytes while reading as many
     * back; returns "sha256-sent sha256-received".
     */
    String echoHashes(String ns, String host, int port, int size) throws IOException {
        return lab.exec(ns, "python3", "-c", """
                import hashlib, os, socket, sys, threading
                size = int(sys.argv[3])
                data = os.urandom(size)
                s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=20)
                threading.Thread(target=lambda: s.sendall(data), daemon=True).start()
                got = bytearray()
                while len(got) < size:
                    d = s.recv(65536)
                    if not d:
                        break
                    got += d
                s.close()
                print(hashlib.sha256(data).hexdigest(), hashlib.sha256(bytes(got)).hexdigest())
                """, host, Integer.toString(port), Integer.toString(size)).strip();
    }

    /** Whether a TCP connection from {@code ns} to {@code host:port} is made within 3 s. */
    boolean canConnect(String ns, String host, int port) {
        try {
            lab.exec(ns, "python3", "-c", """
                    import socket, sys
                    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=3).close()
                    """, host, Integer.toString(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Path write(String file, String text) throws IOException {
        Path p = dir.resolve(file);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    Program start(String ns, String name, String... command) throws IOException {
        Path log = dir.resolve(name + ".log");
        return new Program(lab.start(ns, log, command), log);
    }

    /**
     * Lets {@code ns} send over loopback and TCP to {@code ip}:{@code port} and nothing else (replies to
     * what it sent are part of those connections).
     */
    static void letOutOnlyTcpTo(NetnsLab lab, String ns, String ip, int port) throws IOException {
        lab.iptables(ns, "-A", "OUTPUT", "-o", "lo", "-j", "ACCEPT");
        lab.iptables(ns, "-A", "OUTPUT", "-p", "tcp", "-d", ip, "--dport", Integer.toString(port), "-j", "ACCEPT");
        lab.iptables(ns, "-P", "OUTPUT", "DROP");
    }

    /**
     * The setting of the firewall tests: links server namespace {@code srv} and client namespace {@code cli}
     * on {@code subnet}.0/24 (the server .1 on s0, the client .2 on c0), lets the client out only over TCP
     * to the server's {@code port} ({@link #letOutOnlyTcpTo}), and returns the lab's programs.
     */
    static NetnsPrograms behindOnePortFirewall(NetnsLab lab, Path dir, String srv, String cli, String subnet,
            int port) throws IOException {
        lab.link(srv, "s0", subnet + ".1/24", cli, "c0", subnet + ".2/24");
        letOutOnlyTcpTo(lab, cli, subnet + ".1", port);
        return new NetnsPrograms(lab, dir);
    }

    /** Asserts that a hash-checked echo's output, "SENT ECHOED" (SHA-256 each), shows the bytes came back. */
    static void assertEchoed(String hashes) {
        String[] h = hashes.split(" ");
        assertThat(h).as("sent and echoed hashes: %s", hashes).hasSize(2);
        assertThat(h[1]).as("what came back").isEqualTo(h[0]);
    }
}
