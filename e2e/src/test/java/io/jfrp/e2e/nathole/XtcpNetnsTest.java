package io.jfrp.e2e.nathole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jfrp.e2e.NetnsLabClass;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.nathole.NatHoleIds;
import io.jfrp.nathole.coordinator.CoordinatorSettings;
import io.jfrp.nathole.coordinator.NatHoleCoordinator;
import io.jfrp.nathole.coordinator.NatHoleScheduler;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.codec.MessageJson;
import io.jfrp.protocol.msg.NatHoleClient;
import io.jfrp.protocol.msg.NatHoleDetectBehavior;
import io.jfrp.protocol.msg.NatHoleReport;
import io.jfrp.protocol.msg.NatHoleResp;
import io.jfrp.protocol.msg.NatHoleVisitor;
import io.jfrp.testkit.netns.NatTopology;
import io.jfrp.testkit.netns.NatTopology.Nat;
import io.jfrp.testkit.netns.NatTopology.Site;
import io.jfrp.testkit.netns.NetnsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * xtcp's groundwork end to end, in network namespaces ({@link NatTopology}): real NAT routers
 * (iptables MASQUERADE, port-preserving or random), real STUN servers from Debian (coturn for RFC
 * 5780's OTHER-ADDRESS, stund for RFC 3489's CHANGED-ADDRESS), a peer JVM behind each NAT running
 * our discovery and puncher, and the test as frps running our coordinator between them. Payloads
 * cross the punched holes over KCP (conv 1, frp's xtcp settings) and are checked by SHA-256.
 *
 * <p>Needs root, iproute2, iptables, conntrack, coturn and stun-server (scripts/install-test-deps.sh):
 * skipped without them locally, failed in CI.
 *
 * <p>nathole's own test, kept in e2e so that it runs in the network-namespace lane ({@link NetnsLabClass})
 * beside e2e's other classes instead of holding up the modules after nathole in the parallel build
 * (docs/TESTING.md, "The test suite's time"). Every program of its lab runs in the lab's namespaces and logs to
 * its own file; the coordinator it runs in this JVM logs under {@code io.jfrp.nathole}, which e2e's
 * logback configuration keeps away from the appenders that other classes add to {@code io.jfrp}.
 */
@NetnsLabClass
class XtcpNetnsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COTURN = NatTopology.STUN_PRIMARY + ":" + NatTopology.STUN_PORT;
    private static final String STUND = NatTopology.STUN_PRIMARY + ":3490";
    private static final String PROXY = "u.xtcp";
    private static final String SK = "xtcp-secret";

    private static NatTopology net;
    private static Path logs;
    private static final Map<String, NatPeer> peers = new LinkedHashMap<>();
    private static ScheduledExecutorService timer;
    private static NatHoleCoordinator coordinator;
    private static final BlockingQueue<String> sids = new LinkedBlockingQueue<>();

    @BeforeAll
    static void buildTheInternet() throws Exception {
        NetnsLab.requireSupported("iptables", "conntrack", "turnserver", "stund", "ss");
        logs = Files.createDirectories(Path.of("target", "nathole-netns"));
        Map<String, Nat> sites = new LinkedHashMap<>();
        sites.put("a", Nat.PORT_PRESERVING);
        sites.put("b", Nat.PORT_PRESERVING);
        sites.put("c", Nat.RANDOM_FULLY);
        sites.put("d", Nat.RANDOM);
        net = NatTopology.build(sites);
        net.startCoturn(logs.resolve("coturn.log"));
        net.startStund(logs.resolve("stund.log"));
        for (String s : sites.keySet()) {
            peers.put(s, NatPeer.start(net.lab(), net.site(s).hostNs(), s, logs.resolve("peer-" + s + ".log")));
        }
        peers.put("pub", NatPeer.start(net.lab(), net.publicHost(), "pub", logs.resolve("peer-pub.log")));
        timer = Executors.newSingleThreadScheduledExecutor();
        coordinator = new NatHoleCoordinator(CoordinatorSettings.defaults(), NatHoleScheduler.of(timer),
                InstantSource.system(), new NatHoleIds());
        coordinator.registerProxy(PROXY, SK, List.of("*"), sids::add);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (coordinator != null) {
            coordinator.close();
            timer.shutdownNow();
        }
        if (net != null) {
            net.close();
        }
        for (NatPeer p : peers.values()) {
            assertThat(p.log()).as("%s's log", p).doesNotContain("LEAK:");
        }
    }

    private static JsonNode call(NatPeer peer, String cmd, Map<String, Object> fields) throws Exception {
        JsonNode answer = peer.send(cmd, fields).get(90, TimeUnit.SECONDS);
        assertThat(answer.path("ok").asBoolean()).as("%s %s: %s\n%s", peer, cmd, answer, peer.log()).isTrue();
        return answer;
    }

    @Test
    void discoveryClassifiesEachNatWithBothKindsOfStunServer() throws Exception {
        for (String stun : List.of(COTURN, STUND)) {
            JsonNode a = call(peers.get("a"), "discover", Map.of("stun", stun));
            assertThat(a.path("natType").asText()).as("port-preserving NAT via %s", stun).isEqualTo("EasyNAT");
            assertThat(a.path("behavior").asText()).isEqualTo("BehaviorNoChange");
            assertThat(a.path("publicNetwork").asBoolean()).isFalse();
            assertThat(a.path("mapped").get(0).asText()).startsWith(net.site("a").publicIp() + ":")
                    .isEqualTo(a.path("mapped").get(1).asText());
            assertThat(a.path("localIps")).extracting(JsonNode::asText).containsExactly(net.site("a").lanIp());

            for (String hard : List.of("c", "d")) {
                JsonNode h = call(peers.get(hard), "discover", Map.of("stun", stun));
                assertThat(h.path("natType").asText()).as("%s NAT via %s", net.site(hard).nat(), stun)
                        .isEqualTo("HardNAT");
                assertThat(h.path("behavior").asText()).isEqualTo("BehaviorPortChanged");
                int difference = h.path("portsDifference").asInt();
                assertThat(difference).isPositive();
                assertThat(h.path("regular").asBoolean()).isEqualTo(difference <= 5);
                assertThat(h.path("mapped").get(0).asText()).startsWith(net.site(hard).publicIp() + ":");
            }

            JsonNode pub = call(peers.get("pub"), "discover", Map.of("stun", stun));
            assertThat(pub.path("natType").asText()).isEqualTo("EasyNAT");
            assertThat(pub.path("publicNetwork").asBoolean()).as("no NAT: the mapped IP is the host's own").isTrue();
        }
    }

    @Test
    void stockFrpcNatholeDiscoverPrintsTheSameClassification() throws Exception {
        Path frpc = StockFrp.home().resolve("frpc");
        for (String host : List.of("a", "c", "pub")) {
            String ns = host.equals("pub") ? net.publicHost() : net.site(host).hostNs();
            String stock = net.lab().exec(ns, frpc.toString(), "nathole", "discover", "--nat_hole_stun_server", COTURN);
            String ours = call(peers.get(host), "discover", Map.of("stun", COTURN)).path("report").asText();
            for (String key : List.of("STUN server:", "Your NAT type is:", "Behavior is:", "Public Network:")) {
                assertThat(line(ours, key)).as("%s on host %s\nfrpc:\n%s\nours:\n%s", key, host, stock, ours)
                        .isEqualTo(line(stock, key));
            }
            // Same public IP; the ports are each socket's own.
            assertThat(line(ours, "External address is:").replaceAll(":\\d+", ":*"))
                    .isEqualTo(line(stock, "External address is:").replaceAll(":\\d+", ":*"));
        }
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no line " + prefix + ")");
    }

    /** What one punch gave both sides. */
    record Outcome(JsonNode visitorPrepared, JsonNode clientPrepared, NatHoleResp visitorResp, NatHoleResp clientResp,
                   JsonNode visitor, JsonNode client) {
        boolean succeeded() {
            return visitor.path("ok").asBoolean() && client.path("ok").asBoolean();
        }
    }

    /**
     * One xtcp punch as frpc and frps do it: the visitor prepares and sends NatHoleVisitor, the
     * coordinator hands the sid to the proxy's client, which prepares and sends NatHoleClient; each
     * side punches with the NatHoleResp it gets; the client reports.
     */
    private static Outcome punch(NatPeer visitor, NatPeer client) throws Exception {
        sids.clear();
        JsonNode v = call(visitor, "prepare", Map.of("stun", COTURN));
        long ts = System.currentTimeMillis() / 1000;
        CompletableFuture<NatHoleResp> vResp = new CompletableFuture<>();
        coordinator.handleVisitor(new NatHoleVisitor(new NatHoleIds().newTransactionId(), PROXY, false, "kcp",
                AuthKeys.signKey(SK, ts), ts, strings(v.path("mapped")), strings(v.path("assisted"))), "u",
                vResp::complete);
        String sid = sids.poll(10, TimeUnit.SECONDS);
        assertThat(sid).as("sid delivered to the proxy's client").isNotNull();
        JsonNode c = call(client, "prepare", Map.of("stun", COTURN));
        CompletableFuture<NatHoleResp> cResp = new CompletableFuture<>();
        coordinator.handleClient(new NatHoleClient(new NatHoleIds().newTransactionId(), PROXY, sid,
                strings(c.path("mapped")), strings(c.path("assisted"))), cResp::complete);
        CompletableFuture<JsonNode> vPunch = vResp.thenCompose(r -> visitor.send("punch", punchFields(r)));
        CompletableFuture<JsonNode> cPunch = cResp.thenCompose(r -> client.send("punch", punchFields(r)));
        JsonNode vr = vPunch.get(90, TimeUnit.SECONDS);
        JsonNode cr = cPunch.get(90, TimeUnit.SECONDS);
        coordinator.handleReport(new NatHoleReport(sid, cr.path("ok").asBoolean()));
        return new Outcome(v, c, vResp.get(), cResp.get(), vr, cr);
    }

    private static Map<String, Object> punchFields(NatHoleResp r) {
        try {
            return Map.of("resp", JSON.readTree(MessageJson.write(r)), "key", SK);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** KCP over the punched sockets: the client echoes, the visitor sends and checks. */
    private static void payload(NatPeer visitor, NatPeer client, int bytes, long seed) throws Exception {
        CompletableFuture<JsonNode> echo = client.send("kcp-echo", Map.of("bytes", bytes));
        JsonNode sent = call(visitor, "kcp-send", Map.of("bytes", bytes, "seed", seed));
        JsonNode echoed = echo.get(90, TimeUnit.SECONDS);
        assertThat(echoed.path("ok").asBoolean()).as("echo: %s\n%s", echoed, client.log()).isTrue();
        assertThat(echoed.path("sha256").asText()).as("what the client received").isEqualTo(sent.path("sentSha256").asText());
        assertThat(sent.path("echoSha256").asText()).as("what came back").isEqualTo(sent.path("sentSha256").asText());
    }

    private static void closeBoth(NatPeer a, NatPeer b) throws Exception {
        call(a, "close", Map.of());
        call(b, "close", Map.of());
    }

    @Test
    void easyToEasyPunchesAtOnceAndCarriesAHashCheckedPayload() throws Exception {
        NatPeer visitor = peers.get("a");
        NatPeer client = peers.get("b");
        Outcome o = punch(visitor, client);
        assertThat(o.succeeded()).as("%s\nvisitor log:\n%s\nclient log:\n%s", o, visitor.log(), client.log()).isTrue();
        assertThat(o.visitorResp().detectBehavior().mode()).isZero();
        // Each side sees the other's NAT (its public address), not its private one.
        assertThat(o.visitor().path("peer").asText()).startsWith(net.site("b").publicIp() + ":");
        assertThat(o.client().path("peer").asText()).startsWith(net.site("a").publicIp() + ":");
        payload(visitor, client, 1 << 20, 1);
        closeBoth(visitor, client);
    }

    @Test
    void easyToRandomPortsPunchesAndRecoversAfterTheMappingsAreFlushed() throws Exception {
        NatPeer visitor = peers.get("a");
        NatPeer client = peers.get("c");
        for (int round = 1; round <= 2; round++) {
            Outcome o = punchWithRetries(visitor, client);
            assertThat(o.clientPrepared().path("natType").asText()).isEqualTo("HardNAT");
            if (!o.clientPrepared().path("regular").asBoolean()) { // random ports 1-5 apart: 1 in 6000 runs
                assertThat(o.clientResp().detectBehavior().mode()).as("HardNAT with random ports: mode 2").isEqualTo(2);
                assertThat(o.clientResp().detectBehavior().role()).isEqualTo("receiver");
                assertThat(o.client().path("sockets").asInt()).isEqualTo(257);
            }
            assertThat(o.visitor().path("peer").asText()).startsWith(net.site("c").publicIp() + ":");
            payload(visitor, client, 256 << 10, round);
            closeBoth(visitor, client);
            // Forget every mapping on both routers, as a reboot or an idle timeout does; punch again.
            net.flushConntrack(net.site("a"));
            net.flushConntrack(net.site("c"));
        }
    }

    /**
     * Mode 2 is a lottery by design (1000 random guesses at 257 open ports among 64512: about 98%
     * per attempt); frp's visitor simply punches again, and so do we, up to three times.
     */
    private static Outcome punchWithRetries(NatPeer visitor, NatPeer client) throws Exception {
        Outcome o = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            o = punch(visitor, client);
            if (o.succeeded()) {
                return o;
            }
            closeBoth(visitor, client);
        }
        throw new AssertionError("three punches failed; last: " + o + "\nvisitor:\n" + visitor.log() + "\nclient:\n"
                + client.log());
    }

    /**
     * The receivers' low TTL really is the datagram's IP TTL: from host a the public host is three
     * hops away (nat-a, wan, pub), so a probe with TTL 2 dies at the wan router and one with TTL 3
     * arrives. Nothing else in the test would notice if the TTL were silently ignored.
     */
    @Test
    void aReceiversProbeTtlLimitsHowFarItGoes() throws Exception {
        NatPeer host = peers.get("a");
        NatPeer pub = peers.get("pub");
        for (int ttl : new int[] {2, 3}) {
            int port = call(pub, "udp-open", Map.of()).path("port").asInt();
            call(host, "prepare", Map.of("stun", COTURN));
            NatHoleResp resp = new NatHoleResp("t", "ttl-check", "kcp", List.of(net.publicHostIp() + ":" + port),
                    List.of(), new NatHoleDetectBehavior("receiver", 0, ttl, 0, 300, List.of(), 0, 0), "");
            JsonNode punched = host.send("punch", punchFields(resp)).get(30, TimeUnit.SECONDS);
            assertThat(punched.path("ok").asBoolean()).as("nobody answers: %s", punched).isFalse();
            assertThat(call(pub, "udp-count", Map.of()).path("count").asInt()).as("probes arriving with TTL %d", ttl)
                    .isEqualTo(ttl == 2 ? 0 : 1);
        }
    }

    @Test
    void twoRandomPortNatsFailCleanlyWithinTheReadTimeout() throws Exception {
        NatPeer visitor = peers.get("c");
        NatPeer client = peers.get("d");
        Outcome o = punch(visitor, client);
        // Random ports that happen to land 1-5 apart look regular (about 1 run in 3000): another plan.
        Assumptions.assumeFalse(o.visitorPrepared().path("regular").asBoolean()
                || o.clientPrepared().path("regular").asBoolean(), "a random NAT looked regular this time");
        assertThat(o.visitorResp().detectBehavior().mode()).isZero();
        for (JsonNode side : List.of(o.visitor(), o.client())) {
            assertThat(side.path("ok").asBoolean()).as("%s", side).isFalse();
            assertThat(side.path("error").asText()).startsWith("wait detect message timeout");
        }
        int readTimeout = o.clientResp().detectBehavior().readTimeoutMs();
        assertThat(o.client().path("elapsedMs").asLong()).isBetween((long) readTimeout, readTimeout + 5000L);
        assertThat(o.visitor().path("elapsedMs").asLong()).isBetween((long) o.visitorResp().detectBehavior()
                .readTimeoutMs(), o.visitorResp().detectBehavior().readTimeoutMs() + 5000L);
        closeBoth(visitor, client);
    }
}
