package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.tools.Tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * OpenSSH's port forwarding: {@code ssh -R}, the tunnel most users already have, and {@code ssh -L},
 * what users reach a private service with otherwise (an stcp visitor's job). A private sshd with its
 * own files in this path's directory (never the system's sshd or ~/.ssh), and an ssh client logging in.
 */
public final class SshPath extends ServerClientPath {
    public static final String REVERSE = "ssh-R";
    public static final String LOCAL = "ssh-L";
    public static final List<String> TOOLS = List.of("sshd", "ssh", "ssh-keygen");

    /** "-R" or "-L". */
    private final String forward;

    private SshPath(String name, String forward, BenchContext ctx) {
        super(name, ctx, Duration.ZERO);
        this.forward = forward;
    }

    public static SshPath reverse(BenchContext ctx) {
        return new SshPath(REVERSE, "-R", ctx);
    }

    public static SshPath local(BenchContext ctx) {
        return new SshPath(LOCAL, "-L", ctx);
    }

    @Override
    public PublicEndpoint publish(InetSocketAddress service) throws Exception {
        Path hostKey = keygen("ssh_host_ed25519_key");
        Path clientKey = keygen("client_ed25519_key");
        int sshdPort = Net.freePort();
        Path config = Files.writeString(dir.resolve("sshd_config"), sshdConfig(sshdPort, hostKey,
                dir.resolve("client_ed25519_key.pub")), StandardCharsets.UTF_8);
        ensurePrivilegeSeparationDir();
        start("sshd", "sshd", List.of(Tools.path("sshd"), "-D", "-e", "-f", config.toString()), Map.of());
        awaitAccepting(null, new InetSocketAddress(Net.LOOPBACK, sshdPort), "sshd");

        int publicPort = Net.freePort();
        String user = System.getProperty("user.name");
        start("ssh", "ssh", List.of(Tools.path("ssh"), "-N", "-F", "none",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "ExitOnForwardFailure=yes",
                "-o", "ServerAliveInterval=30", "-o", "LogLevel=ERROR",
                "-i", clientKey.toString(), "-p", String.valueOf(sshdPort),
                forward, Net.LOOPBACK + ":" + publicPort + ":" + service.getHostString() + ":" + service.getPort(),
                user + "@" + Net.LOOPBACK), Map.of());
        InetSocketAddress pub = new InetSocketAddress(Net.LOOPBACK, publicPort);
        awaitAccepting(null, pub, "ssh " + forward);
        return new PublicEndpoint(pub, null);
    }

    /** The private sshd's configuration: loopback only, key login only, remote forwarding on loopback only. */
    private static String sshdConfig(int port, Path hostKey, Path authorizedKeys) {
        return String.join("\n",
                "# written by jfrp-bench: a private sshd for an ssh path, nothing else",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey.toAbsolutePath(),
                "PidFile none",
                "UsePAM no",
                "StrictModes no",
                "AuthorizedKeysFile " + authorizedKeys.toAbsolutePath(),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowTcpForwarding yes",
                "GatewayPorts no",
                "X11Forwarding no",
                "PrintMotd no",
                "MaxStartups 100:30:1000",
                "LogLevel ERROR",
                "");
    }

    /** An ed25519 key pair without passphrase in this path's directory: NAME and NAME.pub; returns NAME. */
    private Path keygen(String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        Path log = dir.resolve("ssh-keygen.log");
        if (Child.run(List.of(Tools.path("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", "jfrp-bench", "-f",
                key.toString()), Duration.ofSeconds(30), log, true) != 0) {
            throw new IOException("ssh-keygen failed for " + key + "; see " + log);
        }
        return key;
    }

    /**
     * sshd started by root needs its privilege separation directory (/run/sshd), which Debian's
     * service unit creates at boot of the service; on a machine where the system sshd never ran it is
     * missing. An empty root-owned directory is all it is.
     */
    private static void ensurePrivilegeSeparationDir() throws IOException {
        Path run = Path.of("/run/sshd");
        if ("root".equals(System.getProperty("user.name")) && !Files.isDirectory(run)) {
            Files.createDirectories(run, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }
}
