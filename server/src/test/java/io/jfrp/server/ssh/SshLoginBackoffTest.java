package io.jfrp.server.ssh;

import io.jfrp.config.model.LoginBackoff;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.SshTunnelGatewayConfig;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.ServerSecurity;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SSH gateway's login back-off against MINA SSHD's client on a real socket: sessions whose key is
 * refused count as failed logins of their address; after loginFailureLimit of them the address is
 * refused (even with an authorized key) until the back-off has passed, as on bindPort.
 */
class SshLoginBackoffTest {
    private static final int FAILURE_LIMIT = 3;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;
    private SshTunnelGateway gateway;
    private ServerSecurity security;
    private SshClient client;
    private KeyPair authorized;
    private KeyPair stranger;

    @BeforeEach
    void setUp() throws Exception {
        authorized = ecKeyPair();
        stranger = ecKeyPair();
        Path authorizedKeys = dir.resolve("authorized_keys");
        Files.writeString(authorizedKeys, PublicKeyEntry.toString(authorized.getPublic()) + " alice\n");
        ServerConfig config = ServerConfig.loopback("tok", dir.resolve("tls"))
                .withSshTunnelGateway(new SshTunnelGatewayConfig(0, null, dir.resolve("host_key"), authorizedKeys))
                .withSecurity(s -> s.withLoginBackoff(new LoginBackoff(FAILURE_LIMIT, Duration.ofMinutes(1),
                        Duration.ofMinutes(1), Duration.ofMinutes(5))));
        security = new ServerSecurity(config);
        gateway = new SshTunnelGateway(config, ChannelInboundHandlerAdapter::new, security).start(); // port 0: any
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.stop();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** Opens a session, offers {@code key}; whether it authenticated (false when the session was closed). */
    private boolean authenticates(KeyPair key) {
        try (ClientSession session = client.connect("v0", gateway.address().getHostString(), gateway.address().getPort())
                .verify(5, TimeUnit.SECONDS).getSession()) {
            session.addPublicKeyIdentity(key);
            AuthFuture auth = session.auth();
            auth.await(10, TimeUnit.SECONDS);
            return auth.isSuccess();
        } catch (Exception e) {
            return false;
        } finally {
            // the server has seen the session end (and counted it) before the next one starts
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.unauthenticatedSessions() == 0);
        }
    }

    @Test
    void refusedKeysBackTheAddressOffUntilEvenAnAuthorizedKeyIsRefused() {
        assertThat(authenticates(authorized)).isTrue();
        for (int i = 0; i < FAILURE_LIMIT; i++) {
            assertThat(security.backedOff(LOOPBACK)).as("before failure %d", i + 1)
                    .isFalse();
            assertThat(authenticates(stranger)).isFalse();
        }
        assertThat(security.backedOff(LOOPBACK)).isTrue();
        assertThat(authenticates(authorized)).as("the address is refused, whatever the key").isFalse();
        assertThat(security.metrics().closes(CloseReason.ADDRESS_BACKED_OFF)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAuthenticationForgetsTheFailuresBeforeIt() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < FAILURE_LIMIT - 1; i++) {
                assertThat(authenticates(stranger)).isFalse();
            }
            assertThat(authenticates(authorized)).as("round %d", round).isTrue();
        }
        assertThat(security.backedOff(LOOPBACK)).isFalse();
    }
}
