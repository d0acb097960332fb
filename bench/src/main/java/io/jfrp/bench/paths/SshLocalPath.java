package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.tools.Tools;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * OpenSSH's local forwarding, {@code ssh -L}, what users do today to reach a private service (the
 * job of an stcp visitor): the same private sshd as {@link SshReversePath} (its own sshd_config, host
 * key and authorized_keys on 127.0.0.1) and {@code ssh -N -L 127.0.0.1:PUBLIC:service}; the public
 * side is the ssh client's listener.
 */
public final class SshLocalPath extends ServerClientPath {
    public static final String NAME = "ssh-L";

    public SshLocalPath(BenchContext ctx) {
        super(NAME, ctx, "sshd", "ssh", java.time.Duration.ZERO);
    }

    @Override
    public PublicEndpoint publish(InetSocketAddress service) throws Exception {
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        Path clientKey = dir.resolve("client_ed25519_key");
        SshReversePath.keygen(dir, hostKey);
        SshReversePath.keygen(dir, clientKey);
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(dir.resolve("client_ed25519_key.pub"), authorized);
        int sshdPort = Net.freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, SshReversePath.sshdConfig(sshdPort, hostKey, authorized), StandardCharsets.UTF_8);
        SshReversePath.ensurePrivilegeSeparationDir();
        startServer("sshd", List.of(Tools.path("sshd"), "-D", "-e", "-f", config.toString()), Map.of());
        awaitAccepting(null, new InetSocketAddress(Net.LOOPBACK, sshdPort), "sshd");

        int publicPort = Net.freePort();
        startClient("ssh", List.of(Tools.path("ssh"), "-N", "-F", "none",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "ExitOnForwardFailure=yes",
                "-o", "ServerAliveInterval=30", "-o", "LogLevel=ERROR",
                "-i", clientKey.toString(), "-p", String.valueOf(sshdPort),
                "-L", Net.LOOPBACK + ":" + publicPort + ":" + service.getHostString() + ":" + service.getPort(),
                System.getProperty("user.name") + "@" + Net.LOOPBACK), Map.of());
        InetSocketAddress pub = new InetSocketAddress(Net.LOOPBACK, publicPort);
        awaitAccepting(null, pub, "ssh -L");
        return new PublicEndpoint(pub, null);
    }
}
