package io.jfrp.e2e.udp;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.config.model.visitor.VisitorTransport;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.wirev2.Payload;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.LoggedProcess;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenSSH through an stcp visitor: a private sshd (its own sshd_config, host key and authorized_keys
 * in the test's directory, on loopback) published by an stcp proxy, and {@code ssh} to the visitor's
 * port running commands: their output, and the SHA-256 of 2 MiB sent on ssh's standard input.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SshThroughStcpTest extends E2eCase {
    private static final String TOKEN = "ssh";

    @Test
    void sshRunsCommandsOnAPrivateSshdThroughAnStcpVisitor() throws Exception {
        RequiredTools.requireOnPath("sshd", "ssh", "ssh-keygen");
        Path hostKey = keygen(dir.resolve("ssh_host_ed25519_key"));
        Path clientKey = keygen(dir.resolve("client_ed25519_key"));
        Path authorized = Files.copy(dir.resolve("client_ed25519_key.pub"), dir.resolve("authorized_keys"));
        int sshdPort = E2e.freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n", "Port " + sshdPort, "ListenAddress 127.0.0.1",
                "HostKey " + hostKey, "PidFile none", "UsePAM no", "StrictModes no",
                "AuthorizedKeysFile " + authorized, "PubkeyAuthentication yes", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password", "X11Forwarding no",
                "PrintMotd no", "LogLevel ERROR", ""), StandardCharsets.UTF_8);
        if ("root".equals(System.getProperty("user.name")) && !Files.isDirectory(Path.of("/run/sshd"))) {
            Files.createDirectories(Path.of("/run/sshd"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        LoggedProcess sshd = closer.add(Daemon.start(dir, "sshd", List.of(sshdPath(), "-D", "-e", "-f", config.toString())));
        awaitListening(sshdPort, sshd);

        FrpServer server = server(TOKEN, c -> c);
        int serverPort = server.address().getPort();
        FrpClient owner = clientLoggedIn(serverPort, TOKEN, List.of(
                ProxyBuilder.stcp("sshd", "127.0.0.1", sshdPort, "ssh-secret").wrapping(true, true).build()));
        E2e.awaitProxy(owner, "sshd");
        int visitorPort = E2e.freePort();
        closer.add(new FrpClient(ClientConfig.loopback(serverPort, TOKEN, List.of()).withVisitors(List.of(
                VisitorBuilder.stcp("ssh-visitor", "sshd", "ssh-secret", visitorPort)
                        .transport(new VisitorTransport(true, false)).build()))))
                .start().get(10, TimeUnit.SECONDS);

        Result echo = ssh(clientKey, visitorPort, "echo hello-$((6*7)) from $(whoami)", null);
        assertThat(echo.exit()).as(echo.toString() + sshd.log()).isZero();
        assertThat(echo.stdout().trim()).isEqualTo("hello-42 from " + System.getProperty("user.name"));

        byte[] data = Payload.random(2 << 20, 42);
        Path input = Files.write(dir.resolve("input.bin"), data);
        Result hash = ssh(clientKey, visitorPort, "sha256sum", input);
        assertThat(hash.exit()).as(hash.toString()).isZero();
        assertThat(hash.stdout().trim()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(data)) + "  -");
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private Result ssh(Path key, int port, String command, Path stdin) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-F", "none", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=20", "-i", key.toString(),
                "-p", String.valueOf(port), System.getProperty("user.name") + "@127.0.0.1", command));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                        : ProcessBuilder.Redirect.from(stdin.toFile()))
                .redirectOutput(dir.resolve("ssh.out").toFile()).redirectError(dir.resolve("ssh.err").toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("ssh did not finish within 60 s: " + Files.readString(dir.resolve("ssh.err")));
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("ssh.out")), Files.readString(dir.resolve("ssh.err")));
    }

    private Path keygen(Path key) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "jfrp-e2e", "-f",
                key.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("keygen.log").toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("ssh-keygen").isTrue();
        return key;
    }

    /** sshd must be started by its absolute path. */
    private static String sshdPath() {
        for (String d : new String[] {"/usr/sbin", "/sbin", "/usr/bin"}) {
            if (Files.isExecutable(Path.of(d, "sshd"))) {
                return d + "/sshd";
            }
        }
        return "sshd";
    }

    private static void awaitListening(int port, LoggedProcess daemon) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (!daemon.alive()) {
                    throw new AssertionError("sshd exited: " + daemon.log());
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("sshd does not listen on " + port + ": " + daemon.log());
    }
}
