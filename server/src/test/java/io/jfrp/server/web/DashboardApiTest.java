package io.jfrp.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jfrp.testkit.TestFiles;
import io.jfrp.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of frps' dashboard API (OPERATIONS.md section 2) on a real port: its status code, and
 * the field names in order of the JSON objects it answers, from a table written from OPERATIONS.md
 * and frp 0.70's model; each route also answers 401 without credentials.
 */
class DashboardApiTest {
    static DashboardFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new DashboardFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static final List<String> SERVER_INFO = List.of("version", "bindPort", "vhostHTTPPort", "vhostHTTPSPort",
            "tcpmuxHTTPConnectPort", "kcpBindPort", "quicBindPort", "subdomainHost", "maxPoolCount", "maxPortsPerClient",
            "heartbeatTimeout", "allowPortsStr", "tlsForce", "totalTrafficIn", "totalTrafficOut", "curConns", "clientCounts",
            "proxyTypeCount");
    static final List<String> PROXY_STATS = List.of("name", "conf", "user", "clientID", "todayTrafficIn", "todayTrafficOut",
            "curConns", "lastStartTime", "lastCloseTime", "status");
    static final List<String> CLIENT_ONLINE = List.of("key", "user", "clientID", "runID", "version", "wireProtocol",
            "hostname", "clientIP", "firstConnectedAt", "lastConnectedAt", "online");
    static final List<String> CLIENT_OFFLINE_NO_VERSION = List.of("key", "user", "clientID", "runID", "wireProtocol",
            "hostname", "clientIP", "firstConnectedAt", "lastConnectedAt", "disconnectedAt", "online");
    static final List<String> PAGE = List.of("total", "page", "pageSize", "items");
    static final List<String> V2 = List.of("code", "msg", "data");
    static final List<String> V1_ERROR = List.of("Code", "Msg");
    static final List<String> TRANSPORT = List.of("useEncryption", "useCompression", "bandwidthLimit", "bandwidthLimitMode");
    static final List<String> CLIENT_V2_DETAIL = Stream.concat(CLIENT_ONLINE.stream(), Stream.of("status")).toList();

    /** The field lists the table names rather than lists. */
    static final Map<String, List<String>> NAMED = Map.of("SERVER_INFO", SERVER_INFO, "PROXY_STATS", PROXY_STATS,
            "CLIENT_ONLINE", CLIENT_ONLINE, "CLIENT_OFFLINE_NO_VERSION", CLIENT_OFFLINE_NO_VERSION, "PAGE", PAGE, "V2", V2,
            "V1_ERROR", V1_ERROR, "TRANSPORT", TRANSPORT, "CLIENT_V2_DETAIL", CLIENT_V2_DETAIL);

    /** One expectation: a request, its status, and the field names of the object at a JSON pointer. */
    record Row(String method, String path, int status, String pointer, List<String> fields) {
        /** A line of dashboard-api-routes.txt: {@code method | path | status | pointer | fields}. */
        static Row parse(String line) {
            String[] c = line.split("\\|", -1);
            if (c.length != 5) {
                throw new IllegalArgumentException("not five columns: " + line);
            }
            String fields = c[4].strip();
            return new Row(c[0].strip(), c[1].strip(), Integer.parseInt(c[2].strip()), c[3].strip(),
                    fields.equals("-") ? List.of() : NAMED.getOrDefault(fields, List.of(fields.split(" +"))));
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status + " " + pointer;
        }
    }

    /** Every route's expectations, from dashboard-api-routes.txt next to this class. */
    static Stream<Row> table() {
        return TestFiles.resource(DashboardApiTest.class, "dashboard-api-routes.txt").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(Row::parse);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void routeAnswersWithFrpsStatusAndFields(Row row) throws Exception {
        HttpResponse<String> r = f.call(row.method(), row.path(), true);
        assertThat(r.statusCode()).as("%s: %s", row, r.body()).isEqualTo(row.status());
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body().indexOf('\n')).as("compact JSON, one newline at the end").isEqualTo(r.body().length() - 1);
        JsonNode node = Json.MAPPER.readTree(r.body()).at(row.pointer());
        assertThat(node.isMissingNode()).as("%s has %s: %s", row.path(), row.pointer(), r.body()).isFalse();
        assertThat(fieldNames(node)).as("%s at '%s': %s", row.path(), row.pointer(), r.body()).isEqualTo(row.fields());
        if (row.status() != 200) {
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertThat(body.path(row.path().startsWith("/api/v2/") ? "code" : "Code").asInt()).isEqualTo(row.status());
        }
    }

    /** Every route of the table without credentials, all at once (each refusal takes 200 ms). */
    @Test
    void everyRouteNeedsCredentials() throws Exception {
        List<Row> rows = table().toList();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (Row row : rows) {
            answers.add(f.http.sendAsync(HttpRequest.newBuilder(URI.create(f.base() + row.path()))
                    .method(row.method(), HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < rows.size(); i++) {
            HttpResponse<String> r = answers.get(i).get(30, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(rows.get(i).toString()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("Unauthorized\n");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Restricted\"");
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void healthzNeedsNoCredentialsAndRootRedirects() throws Exception {
        HttpResponse<String> health = f.call("GET", "/healthz", false);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEmpty();
        HttpResponse<String> root = f.call("GET", "/", true);
        assertThat(root.statusCode()).isEqualTo(301);
        assertThat(root.headers().firstValue("Location")).hasValue("/static/");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/proxies/nobody              | {"Code":404,"Msg":"no proxy info found"}
            GET    | /api/clients/nobody              | {"Code":404,"Msg":"client nobody not found"}
            DELETE | /api/proxies?status=online       | {"Code":400,"Msg":"status only support offline"}
            GET    | /api/v2/clients/nobody           | {"code":404,"msg":"client nobody not found","data":null}
            GET    | /api/v2/proxies?page=0           | {"code":400,"msg":"page must be a positive integer","data":null}
            GET    | /api/v2/proxies?pageSize=500     | {"code":400,"msg":"pageSize must be between 1 and 200","data":null}
            GET    | /api/v2/proxies?status=gone      | {"code":400,"msg":"status must be one of all, online, offline","data":null}
            GET    | /api/v2/proxies?type=ftp         | {"code":400,"msg":"type must be one of tcp, udp, http, https, tcpmux, stcp, xtcp, sudp","data":null}
            POST   | /api/v2/system/prune             | {"code":400,"msg":"type is required","data":null}
            POST   | /api/v2/system/prune?type=x      | {"code":400,"msg":"type must be one of offline_proxies","data":null}
            """)
    void errorBodiesAreFrpsWordForWord(String method, String path, String body) throws Exception {
        assertThat(f.call(method, path, true).body()).isEqualTo(body + "\n");
    }

    @Test
    void malformedEscapesGetFrpsErrorBodies() throws Exception {
        // Java's HttpClient refuses to send a malformed escape; a raw socket does.
        assertThat(f.rawGet("/api/v2/proxies/%zz")).isEqualTo("400 {\"code\":400,\"msg\":\"invalid proxy name\",\"data\":null}\n");
        assertThat(f.rawGet("/api/v2/clients/%zz")).isEqualTo("400 {\"code\":400,\"msg\":\"invalid client key\",\"data\":null}\n");
        assertThat(f.rawGet("/api/proxies/%zz")).startsWith("400 {\"Code\":400,");
    }

    @Test
    void wrongMethodIs405AndUnknownPathIs404() throws Exception {
        assertThat(f.call("POST", "/api/serverinfo", true).statusCode()).isEqualTo(405);
        assertThat(f.call("GET", "/api/v2/system/prune", true).statusCode()).isEqualTo(405);
        HttpResponse<String> missing = f.call("GET", "/api/nothing", true);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("404 page not found\n");
    }
}
