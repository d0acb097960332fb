package io.jfrp.nathole.discovery;

import io.jfrp.nathole.NatBehavior;
import io.jfrp.nathole.NatFeature;
import io.jfrp.nathole.NatHoleException;
import io.jfrp.nathole.NatType;
import io.jfrp.nathole.stun.LoopbackStunServer;
import io.jfrp.nathole.stun.StunLab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Discovery and preparation against {@link LoopbackStunServer} on 127.0.0.1. */
class NatHolePreparerTest {
    private static final LocalIpSource LAN = max -> List.of("10.1.2.3", "192.168.7.8");

    @RegisterExtension
    final StunLab lab = new StunLab();
    private NatDiscovery discovery;

    @BeforeEach
    void setUp() {
        discovery = new NatDiscovery(lab.sockets());
    }

    @Test
    void twoRequestsFromOneSocketGiveTwoMappedAddresses() throws Exception {
        DiscoveryResult r = discovery.discover(lab.server().primaryAddress()).get(10, TimeUnit.SECONDS);
        try {
            int port = r.localAddress().getPort();
            assertThat(r.localAddress().getAddress().isAnyLocalAddress()).isTrue();
            assertThat(r.mappedAddrs()).containsExactly("127.0.0.1:" + port, "127.0.0.1:" + port);
            assertThat(lab.server().requests).hasSize(2);
            assertThat(r.channel().isActive()).isTrue();
            assertThat(r.channel().config().isAutoRead()).isFalse();
        } finally {
            r.channel().close().sync();
        }
    }

    @Test
    void preparedSideIsEasyWithAssistedAddressesOnTheSocketsPort() throws Exception {
        PreparedHole p = new NatHolePreparer(discovery, LAN).prepare(lab.server().primaryAddress(), false)
                .get(10, TimeUnit.SECONDS);
        try {
            int port = p.localAddress().getPort();
            assertThat(p.feature()).isEqualTo(new NatFeature(NatType.EASY_NAT, NatBehavior.NO_CHANGE, 0, false, false));
            assertThat(p.assistedAddrs()).containsExactly("10.1.2.3:" + port, "192.168.7.8:" + port);
            assertThat(p.channel().localAddress()).isEqualTo(p.localAddress());
        } finally {
            p.channel().close().sync();
        }
    }

    @Test
    void aPortThatMovesWithTheDestinationIsAHardNat() throws Exception {
        lab.server().alternatePortShift = 3;
        PreparedHole p = new NatHolePreparer(discovery, LAN).prepare(lab.server().primaryAddress(), true)
                .get(10, TimeUnit.SECONDS);
        try {
            assertThat(p.feature()).isEqualTo(new NatFeature(NatType.HARD_NAT, NatBehavior.PORT_CHANGED, 3, true, false));
            assertThat(p.assistedAddrs()).isEmpty();
        } finally {
            p.channel().close().sync();
        }
    }

    /** Discovery against the server offering {@code alternate}; the result's socket already closed. */
    private DiscoveryResult discoverAndClose(LoopbackStunServer.Alternate alternate) throws Exception {
        lab.server().alternateKind = alternate;
        DiscoveryResult r = discovery.discover(lab.server().primaryAddress()).get(10, TimeUnit.SECONDS);
        r.channel().close().sync();
        return r;
    }

    @Test
    void rfc3489ChangedAddressIsFollowedToo() throws Exception {
        DiscoveryResult r = discoverAndClose(LoopbackStunServer.Alternate.CHANGED_ADDRESS);
        assertThat(r.mappedAddrs()).hasSize(2);
    }

    @Test
    void aServerWithoutAlternateAddressIsNotEnough() throws Exception {
        DiscoveryResult r = discoverAndClose(LoopbackStunServer.Alternate.NONE);
        assertThat(r.mappedAddrs()).hasSize(1);
        var prepared = new NatHolePreparer(discovery, LAN).prepare(lab.server().primaryAddress(), false);
        assertThatThrownBy(() -> prepared.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NatHoleException.class)
                .hasMessageStartingWith("discover error: not enough addresses");
    }

    @Test
    void aFailedRequestFailsDiscoveryAndClosesTheSocket() throws Exception {
        lab.server().answer = LoopbackStunServer.Answer.ERROR_420;
        var prepared = new NatHolePreparer(discovery, LAN).prepare(lab.server().primaryAddress(), false);
        assertThatThrownBy(() -> prepared.get(10, TimeUnit.SECONDS)).cause()
                .hasMessageStartingWith("discover error: STUN server").hasMessageContaining("error 420");
    }

    @Test
    void aHostNameIsResolvedToIpv4() throws Exception {
        InetSocketAddress byName = NatDiscovery.parseServer("localhost:" + lab.server().primaryAddress().getPort());
        assertThat(byName.isUnresolved()).isTrue();
        DiscoveryResult r = discovery.discover(byName).get(10, TimeUnit.SECONDS);
        r.channel().close().sync();
        assertThat(r.mappedAddrs()).hasSize(2);
    }

    @Test
    void serverValuesParseLikeFrp() {
        assertThat(NatDiscovery.parseServer("203.0.113.10:3478")).isEqualTo(new InetSocketAddress("203.0.113.10", 3478));
        assertThat(NatDiscovery.parseServer("stun.easyvoip.com:3478").getHostString()).isEqualTo("stun.easyvoip.com");
        assertThatThrownBy(() -> NatDiscovery.parseServer("stun.easyvoip.com")).hasMessageContaining("missing port");
        assertThatThrownBy(() -> NatDiscovery.parseServer(":3478")).hasMessageContaining("missing host");
    }

    @Test
    void reportPrintsWhatFrpcNatholeDiscoverPrints() {
        String text = DiscoveryReport.format("203.0.113.10:3478", List.of("198.51.100.2:17646", "198.51.100.2:7469"),
                new InetSocketAddress("0.0.0.0", 48205),
                new NatFeature(NatType.HARD_NAT, NatBehavior.PORT_CHANGED, 10177, false, false));
        assertThat(text).isEqualTo("""
                STUN server: 203.0.113.10:3478
                Your NAT type is: HardNAT
                Behavior is: BehaviorPortChanged
                External address is: [198.51.100.2:17646 198.51.100.2:7469]
                Local address is: 0.0.0.0:48205
                Public Network: false
                """);
    }

    @Test
    void localAddressesFollowFrpsFilter() throws Exception {
        List<String> ips = LocalAddresses.system().localIps(10);
        assertThat(ips).hasSizeLessThanOrEqualTo(10).allMatch(ip -> ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))
                .noneMatch(ip -> ip.startsWith("127.") || ip.startsWith("169.254."));
        assertThat(LocalAddresses.usable(java.net.InetAddress.getByName("169.254.1.1"))).isFalse();
        assertThat(LocalAddresses.usable(java.net.InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(LocalAddresses.usable(java.net.InetAddress.getByName("::1"))).isFalse();
        assertThat(LocalAddresses.usable(java.net.InetAddress.getByName("10.0.0.1"))).isTrue();
        assertThatThrownBy(() -> LocalAddresses.system().localIps(0)).hasMessageContaining("maxItems");
    }
}
