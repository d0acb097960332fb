package io.jfrp.e2e;

import io.jfrp.config.model.SshTunnelGatewayConfig;
import io.jfrp.e2e.vhost.ExternalCommand;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * frps' SSH tunnel gateway with OpenSSH's client: {@code ssh -R :80:127.0.0.1:ECHO v0@jfrps tcp
 * --proxy_name web --remote_port P} publishes the echo service on P without jfrpc, with a key from
 * authorizedKeysFile; a key that is not in it is refused and publishes nothing.
 */
class SshTunnelGatewayTest extends E2eCase {
    private Path authorized;
    private Path stranger;
    private int sshPort;
    private EchoService echo;

    @BeforeEach
    void setUp() throws Exception {
        RequiredTools.requireOnPath("ssh", "ssh-keygen");
        authorized = keyPair("authorized");
        stranger = keyPair("stranger");
        Path authorizedKeys = dir.resolve("authorized_keys");
        Files.copy(Path.of(authorized + ".pub"), authorizedKeys);
        echo = closer.add(new EchoService());
        sshPort = E2e.freePort();
        server("secret", c -> c.withSshTunnelGateway(new SshTunnelGatewayConfig(sshPort, null,
                dir.resolve("host_key"), authorizedKeys)));
    }

    private Path keyPair(String name) throws Exception {
        Path key = dir.resolve(name);
        ExternalCommand.Result r = ExternalCommand.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                name, "-f", key.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return key;
    }

    private ProcessBuilder ssh(Path key, int remotePort, File output) {
        return new ProcessBuilder("ssh", "-T", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "ExitOnForwardFailure=no",
                "-o", "LogLevel=ERROR", "-i", key.toString(), "-p", String.valueOf(sshPort),
                "-R", ":80:127.0.0.1:" + echo.port(), "v0@127.0.0.1",
                "tcp", "--proxy_name", "web", "--remote_port", String.valueOf(remotePort))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(output);
    }

    /** Starts ssh -R with {@code key}; the process is killed after the test if it still runs. */
    private Process startSsh(Path key, int remotePort, File output) throws Exception {
        Process p = ssh(key, remotePort, output).start();
        closer.add(() -> p.destroyForcibly().waitFor(5, TimeUnit.SECONDS));
        return p;
    }

    @Test
    void sshDashRWithAnAuthorizedKeyPublishesTheLocalService() throws Exception {
        int remotePort = E2e.freePort();
        File output = dir.resolve("ssh.out").toFile();
        Process p = startSsh(authorized, remotePort, output);
        // what the gateway prints once the proxy is up (frp's wording)
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(output.toPath())
                .contains("RemoteAddress: :" + remotePort) || !p.isAlive());
        String shown = Files.readString(output.toPath());
        assertThat(p.isAlive()).as("ssh ended: %s", shown).isTrue();
        assertThat(shown).contains("frp (via SSH)").contains("ProxyName: web").contains("Type: tcp")
                .contains("User: authorized");
        // Each echo ends with the client's EOF and close of its channel while the answer may still be on
        // its way through jfrps: every byte must arrive (a close with bytes unsent was a reset, 1 in 4).
        for (int i = 0; i < 8; i++) {
            E2e.assertEchoIntact(remotePort, 1 << 20, 21 + i);
        }
        E2e.assertEchoIntact(remotePort, 12_345, 22);

        p.destroy(); // the SSH connection ends: so does the proxy
        p.waitFor(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> E2e.refused(remotePort));
    }

    @Test
    void aKeyNotInAuthorizedKeysIsRefused() throws Exception {
        int remotePort = E2e.freePort();
        File output = dir.resolve("ssh.out").toFile();
        Process p = startSsh(stranger, remotePort, output);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("ssh ends").isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(Files.readString(output.toPath(), StandardCharsets.UTF_8)).contains("Permission denied");
        assertThat(E2e.refused(remotePort)).isTrue();
    }
}
