package io.jfrp.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The values the API answers for the fixture's history: statistics, ordering, filters, paging, traffic, prune. */
class DashboardValuesTest {
    DashboardFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new DashboardFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    @Test
    void serverInfoCarriesConfigAndTodaysNumbers() throws Exception {
        JsonNode s = f.getJson("/api/serverinfo");
        assertThat(s.path("version").asText()).isEqualTo("0.70.0");
        assertThat(s.path("bindPort").asInt()).isEqualTo(7000);
        assertThat(s.path("allowPortsStr").asText()).isEqualTo("1000-2000,3000");
        assertThat(s.path("tlsForce").asBoolean()).isTrue();
        assertThat(s.path("totalTrafficIn").asLong()).isEqualTo(4_000 + 9_000);
        assertThat(s.path("totalTrafficOut").asLong()).isEqualTo(50_000 + 2_500_000);
        assertThat(s.path("curConns").asLong()).isEqualTo(2);
        assertThat(s.path("clientCounts").asLong()).isEqualTo(1);
        assertThat(s.path("proxyTypeCount").toString()).isEqualTo("{\"http\":1,\"stcp\":0,\"tcp\":1}");

        f.info.set(new ServerInfo("0.70.0", 7000, 0, 0, 0, 0, 0, "", 5, 0, 90, "", false));
        JsonNode bare = f.getJson("/api/serverinfo");
        assertThat(bare.has("allowPortsStr")).as("omitempty").isFalse();
        assertThat(bare.has("tlsForce")).as("omitempty").isFalse();
        JsonNode v2 = f.getJson("/api/v2/system/info").path("data").path("config");
        assertThat(v2.path("allowPortsStr").asText()).as("always present in v2").isEmpty();
        assertThat(v2.has("tlsForce")).isTrue();
    }

    @Test
    void proxiesByTypeSortedByNameWithConfOnlyWhileOnline() throws Exception {
        JsonNode tcp = f.getJson("/api/proxy/tcp").path("proxies");
        assertThat(texts(tcp, "name")).containsExactly("alice.ssh", "bob.db");
        JsonNode ssh = tcp.get(0);
        assertThat(ssh.path("status").asText()).isEqualTo("online");
        assertThat(ssh.path("conf").path("remotePort").asInt()).isEqualTo(6000);
        assertThat(ssh.path("conf").path("name").asText()).isEqualTo("alice.ssh");
        assertThat(ssh.path("curConns").asLong()).isEqualTo(2);
        assertThat(ssh.path("todayTrafficIn").asLong()).isEqualTo(4_000);
        assertThat(ssh.path("lastStartTime").asText()).isEqualTo("03-10 10:00:00"); // Berlin local time
        assertThat(ssh.path("lastCloseTime").asText()).isEmpty();
        JsonNode db = tcp.get(1);
        assertThat(db.path("status").asText()).isEqualTo("offline");
        assertThat(db.path("conf").isNull()).isTrue();
        assertThat(db.path("lastCloseTime").asText()).isEqualTo("03-11 10:01:00");
        assertThat(f.getJson("/api/proxy/nosuchtype").toString()).isEqualTo("{\"proxies\":[]}");
    }

    @Test
    void trafficIsTodayFirstInV1AndOldestFirstWithDatesInV2() throws Exception {
        JsonNode v1 = f.getJson("/api/traffic/alice.web");
        assertThat(longs(v1.path("trafficIn"))).containsExactly(9_000L, 6_000L, 3_000L, 0L, 0L, 0L, 0L);
        assertThat(longs(v1.path("trafficOut"))).containsExactly(2_500_000L, 1_800_000L, 900_000L, 0L, 0L, 0L, 0L);
        JsonNode v2 = f.getJson("/api/v2/proxies/alice.web/traffic").path("data");
        assertThat(v2.path("unit").asText()).isEqualTo("bytes");
        assertThat(v2.path("granularity").asText()).isEqualTo("day");
        JsonNode history = v2.path("history");
        assertThat(texts(history, "date")).containsExactly("2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09",
                "2026-03-10", "2026-03-11", "2026-03-12");
        assertThat(texts(history, "trafficIn")).containsExactly("0", "0", "0", "0", "3000", "6000", "9000");
    }

    @Test
    void clientsSortedAndFiltered() throws Exception {
        JsonNode all = f.getJson("/api/clients");
        assertThat(texts(all, "key")).containsExactly("box", "alice.laptop"); // bob had no clientID: forgotten
        JsonNode box = all.get(0);
        assertThat(box.path("online").asBoolean()).isFalse();
        assertThat(box.path("runID").asText()).isEmpty();
        assertThat(box.path("disconnectedAt").asLong()).isEqualTo(DashboardFixture.START.getEpochSecond() + 86_400 + 60);
        assertThat(texts(f.getJson("/api/clients?status=online"), "key")).containsExactly("alice.laptop");
        assertThat(texts(f.getJson("/api/clients?status=OFFLINE"), "key")).containsExactly("box");
        assertThat(texts(f.getJson("/api/clients?status=whatever"), "key")).hasSize(2);
        assertThat(texts(f.getJson("/api/clients?user=alice"), "key")).containsExactly("alice.laptop");
        assertThat(texts(f.getJson("/api/clients?clientId=box"), "key")).containsExactly("box");
        assertThat(texts(f.getJson("/api/clients?runId=run-alice"), "key")).containsExactly("alice.laptop");

        JsonNode v2 = f.getJson("/api/v2/clients?user=").path("data");
        assertThat(texts(v2.path("items"), "key")).as("user= present but empty selects user \"\"").containsExactly("box");
        assertThat(texts(f.getJson("/api/v2/clients?q=LAPTOP").path("data").path("items"), "key"))
                .containsExactly("alice.laptop");
        assertThat(texts(f.getJson("/api/v2/clients?q=10.1.2.5").path("data").path("items"), "key")).containsExactly("box");
        assertThat(texts(f.getJson("/api/v2/clients?clientID=laptop&runID=run-alice").path("data").path("items"), "key"))
                .containsExactly("alice.laptop");

        JsonNode detail = f.getJson("/api/v2/clients/alice.laptop").path("data");
        assertThat(detail.path("status").toString()).isEqualTo("{\"phase\":\"online\",\"curConns\":2,\"proxyCount\":2}");
    }

    @Test
    void v2ProxiesSortedByTypeThenNameWithFiltersAndPaging() throws Exception {
        JsonNode page = f.getJson("/api/v2/proxies").path("data");
        assertThat(page.path("total").asInt()).isEqualTo(4);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("pageSize").asInt()).isEqualTo(50);
        assertThat(texts(page.path("items"), "name")).containsExactly("alice.web", "secret", "alice.ssh", "bob.db");

        JsonNode second = f.getJson("/api/v2/proxies?page=2&pageSize=3").path("data");
        assertThat(second.path("total").asInt()).isEqualTo(4);
        assertThat(texts(second.path("items"), "name")).containsExactly("bob.db");
        assertThat(f.getJson("/api/v2/proxies?page=9").path("data").path("items").size()).isZero();

        assertThat(texts(f.getJson("/api/v2/proxies?status=offline").path("data").path("items"), "name"))
                .containsExactly("secret", "bob.db");
        assertThat(texts(f.getJson("/api/v2/proxies?type=TCP").path("data").path("items"), "name"))
                .containsExactly("alice.ssh", "bob.db");
        assertThat(texts(f.getJson("/api/v2/proxies?user=bob").path("data").path("items"), "name")).containsExactly("bob.db");
        assertThat(texts(f.getJson("/api/v2/proxies?clientID=box").path("data").path("items"), "name"))
                .containsExactly("secret");
        assertThat(texts(f.getJson("/api/v2/proxies?q=6000").path("data").path("items"), "name")).containsExactly("alice.ssh");
        assertThat(texts(f.getJson("/api/v2/proxies?q=WWW.EXAMPLE").path("data").path("items"), "name"))
                .containsExactly("alice.web");
        assertThat(texts(f.getJson("/api/v2/proxies?q=offline").path("data").path("items"), "name"))
                .containsExactly("secret", "bob.db");
    }

    @Test
    void v2SpecIsBuiltFromTheConf() throws Exception {
        JsonNode ssh = f.getJson("/api/v2/proxies/alice.ssh").path("data");
        assertThat(ssh.path("spec").toString()).isEqualTo("{\"type\":\"tcp\",\"tcp\":{\"annotations\":{\"owner\":\"ops\"},"
                + "\"metadatas\":{\"alpha\":\"2\",\"zeta\":\"1\"},\"transport\":{\"useEncryption\":true,\"useCompression\":false,"
                + "\"bandwidthLimit\":\"1MB\",\"bandwidthLimitMode\":\"client\"},\"loadBalancer\":{\"group\":\"\"},\"remotePort\":6000}}");
        JsonNode web = f.getJson("/api/v2/proxies/alice.web").path("data");
        assertThat(web.path("spec").toString()).isEqualTo("{\"type\":\"http\",\"http\":{\"transport\":{\"useEncryption\":false,"
                + "\"useCompression\":true,\"bandwidthLimit\":\"\",\"bandwidthLimitMode\":\"\"},\"loadBalancer\":{\"group\":\"web\"},"
                + "\"customDomains\":[\"www.example.com\"],\"subdomain\":\"alice\",\"locations\":[\"/\",\"/api\"],"
                + "\"hostHeaderRewrite\":\"backend.local\"}}");
        JsonNode db = f.getJson("/api/v2/proxies/bob.db").path("data");
        assertThat(db.path("spec").toString()).isEqualTo("{\"type\":\"tcp\",\"tcp\":{}}");
        assertThat(db.path("status").path("phase").asText()).isEqualTo("offline");
        assertThat(db.path("status").path("lastCloseAt").asLong()).isEqualTo(DashboardFixture.START.getEpochSecond() + 86_460);
    }

    @Test
    void usersCountClientsAndProxies() throws Exception {
        JsonNode users = f.getJson("/api/v2/users").path("data");
        assertThat(users.path("items").toString()).isEqualTo("[{\"user\":\"\",\"clientCount\":1,\"proxyCount\":1},"
                + "{\"user\":\"alice\",\"clientCount\":1,\"proxyCount\":2},{\"user\":\"bob\",\"clientCount\":0,\"proxyCount\":1}]");
        assertThat(texts(f.getJson("/api/v2/users?q=AL").path("data").path("items"), "user")).containsExactly("alice");
    }

    @Test
    void pruneDropsOfflineProxiesAtOnce() throws Exception {
        assertThat(f.call("DELETE", "/api/proxies?status=offline", true).body()).isEqualTo("{\"Code\":200,\"Msg\":\"success\"}\n");
        assertThat(texts(f.getJson("/api/v2/proxies").path("data").path("items"), "name"))
                .containsExactly("alice.web", "alice.ssh");
        f.monitor.metrics().proxyClosed("alice.web", "http");
        f.clock.advance(java.time.Duration.ofSeconds(1));
        String body = f.call("POST", "/api/v2/system/prune?type=OFFLINE_PROXIES", true).body();
        assertThat(body).isEqualTo("{\"code\":200,\"msg\":\"success\",\"data\":{\"type\":\"offline_proxies\",\"cleared\":1,"
                + "\"total\":2}}\n");
        assertThat(f.call("GET", "/api/proxies/alice.web", true).statusCode()).isEqualTo(404);
    }
}
