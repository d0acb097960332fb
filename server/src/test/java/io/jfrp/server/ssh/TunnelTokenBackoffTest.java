package io.jfrp.server.ssh;

import io.jfrp.config.model.LoginBackoff;
import io.jfrp.config.model.PreAuthLimits;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.SshTunnelGatewayConfig;
import io.jfrp.server.FrpServer;
import io.jfrp.server.security.CloseReason;
import io.jfrp.testkit.FreePorts;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tunnel whose {@code --token} is wrong is a failed login of the SSH client's address, not of
 * loopback (the in-process link's): after loginFailureLimit of them from 127.0.0.2, that address is
 * refused and an SSH user on 127.0.0.1 is not. A real jfrps (its control code refuses the Login) and
 * MINA SSHD's client on real sockets.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // five SSH key exchanges, each slow on a loaded machine
class TunnelTokenBackoffTest {
    private static final int FAILURE_LIMIT = 2;
    private static final String BAD_TUNNEL = "tcp --proxy_name web --remote_port 0 --token wrong";
    private static final String AUTHENTICATED = "authenticated";

    @TempDir
    Path dir;
    private FrpServer server;
    private SshClient client;
    private int sshPort;

    @BeforeEach
    void setUp() throws Exception {
        sshPort = FreePorts.next();
        // No authorizedKeysFile: any key is accepted and --token is the tunnel's token, as in frp.
        ServerConfig config = ServerConfig.loopback("right", dir.resolve("tls"))
                .withSshTunnelGateway(new SshTunnelGatewayConfig(sshPort, null, dir.resolve("host_key"), null))
                .withSecurity(s -> s.withLoginBackoff(new LoginBackoff(FAILURE_LIMIT, Duration.ofMinutes(1),
                                Duration.ofMinutes(1), Duration.ofMinutes(5)))
                        // What is tested is the back-off: a key exchange slowed by a loaded machine
                        // must not meet the authentication deadline (30 s by default) first.
                        .withPreAuth(PreAuthLimits.DEFAULTS.withLoginTimeout(Duration.ofMinutes(3))));
        server = new FrpServer(config).start();
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        client.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(g.generateKeyPair()));
        client.start();
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    private ClientSession session(String from) throws Exception {
        ClientSession session = client.connect("v0", new InetSocketAddress("127.0.0.1", sshPort),
                new InetSocketAddress(from, 0)).verify(60, TimeUnit.SECONDS).getSession();
        session.auth().verify(120, TimeUnit.SECONDS);
        return session;
    }

    /** Runs {@code command} as a tunnel (after asking for {@code -R :80:...}) from {@code from}; what it printed. */
    private String tunnel(String from, String command) throws Exception {
        try (ClientSession session = session(from)) {
            session.startRemotePortForwarding(new SshdSocketAddress("", 80), new SshdSocketAddress("127.0.0.1", 9));
            try (ChannelExec exec = session.createExecChannel(command)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                exec.setOut(out);
                exec.setErr(out);
                exec.open().verify(10, TimeUnit.SECONDS);
                exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TimeUnit.SECONDS.toMillis(20));
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * "authenticated" when an SSH session from {@code from} authenticates, else why not (a refused
     * address's session is closed as soon as it is made).
     */
    private String login(String from) {
        try (ClientSession session = session(from)) {
            return session.isAuthenticated() ? AUTHENTICATED : "not authenticated";
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void aWrongTunnelTokenBacksOffTheSshClientsAddressNotLoopback() throws Exception {
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            assertThat(login("127.0.0.2")).as("127.0.0.2 before failed tunnel %d", i + 1).isEqualTo(AUTHENTICATED);
            assertThat(tunnel("127.0.0.2", BAD_TUNNEL)).as("tunnel %d's answer", i + 1).isNotEmpty();
        }
        assertThat(login("127.0.0.2")).as("127.0.0.2 after %d failed tunnels", FAILURE_LIMIT)
                .isNotEqualTo(AUTHENTICATED);
        assertThat(server.security().closes(CloseReason.ADDRESS_BACKED_OFF)).isGreaterThanOrEqualTo(1);
        assertThat(login("127.0.0.1")).as("another SSH user, on loopback").isEqualTo(AUTHENTICATED);
    }
}
