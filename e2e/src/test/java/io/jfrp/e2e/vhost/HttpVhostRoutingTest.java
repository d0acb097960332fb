package io.jfrp.e2e.vhost;

import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.protocol.msg.NewProxyResp;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * http proxies on jfrps' vhostHTTPPort with curl as the client and real local services: every
 * routing rule (exact domain, subdomain, wildcard, locations, routeByHTTPUser), unknown hosts, and
 * route conflicts.
 */
class HttpVhostRoutingTest extends HttpVhostCase {

    private static ProxyConfig http(String name, HttpEchoBackend b, String... domains) {
        return on(name, b.port(), domains).build();
    }

    /** An http proxy of 127.0.0.1:{@code port} on {@code domains}, for more keys before build(). */
    private static ProxyBuilder<HttpProxyConfig> on(String name, int port, String... domains) {
        return ProxyBuilder.http(name, "127.0.0.1", port, domains);
    }

    /** An http proxy named after {@code backend}, of it, on {@code domains}, for more keys before build(). */
    private static ProxyBuilder<HttpProxyConfig> on(HttpEchoBackend backend, String... domains) {
        return on(backend.name, backend.port(), domains);
    }

    /** Asserts that a GET of each "host/path" is answered by the backend its entry names. */
    private void assertServedBy(Map<String, String> backendByUrl) throws Exception {
        for (Map.Entry<String, String> e : backendByUrl.entrySet()) {
            int slash = e.getKey().indexOf('/');
            assertThat(f.curl(e.getKey().substring(0, slash), e.getKey().substring(slash)).echo()).as(e.getKey())
                    .containsEntry("backend", e.getValue());
        }
    }

    @Test
    void hostsRouteToExactSubdomainAndWildcardDomainsIgnoringCaseAndPort() throws Exception {
        f = fixture();
        HttpEchoBackend exact = f.backend("exact");
        HttpEchoBackend sub = f.backend("sub");
        HttpEchoBackend wild = f.backend("wild");
        HttpEchoBackend any = f.backend("any");
        NewProxyResp resp = HttpVhostFixture.response(f.clientUp(
                http("exact", exact, "www.site.test", "a.apps.site.test"),
                on("sub", sub.port()).subdomain("blog").build(),
                http("wild", wild, "*.apps.site.test"),
                http("any", any, "*")), "exact");
        assertThat(resp.remoteAddr()).isEqualTo("www.site.test:" + f.httpPort + ",a.apps.site.test:" + f.httpPort);

        assertThat(f.curl("www.site.test", "/x").echo()).containsEntry("backend", "exact").containsEntry("uri", "/x");
        // Host is matched without case, port or trailing dot.
        assertThat(f.curl("www.site.test", "/", "-H", "Host: WWW.Site.TEST.:" + f.httpPort).echo())
                .containsEntry("backend", "exact");
        // An exact name beats the wildcard that also covers it; deeper names fall back label by label.
        assertServedBy(Map.of("blog.example.test/", "sub", "a.apps.site.test/", "exact",
                "b.apps.site.test/", "wild", "x.y.apps.site.test/", "wild"));
        // Proxy form (curl -x): the target is taken from the absolute URI, as frp does.
        var viaProxy = ExternalCommand.run(java.time.Duration.ofSeconds(30), List.of("curl", "-sS", "-x",
                "http://127.0.0.1:" + f.httpPort, "http://www.site.test/abs?q=1"));
        assertThat(viaProxy.exitCode()).as(viaProxy.stderr()).isZero();
        assertThat(HttpEchoBackend.parse(viaProxy.stdout())).containsEntry("backend", "exact");
        // Nothing else matches: the catch-all "*".
        assertServedBy(Map.of("apps.site.test/", "any", "elsewhere.test/", "any"));
    }

    @Test
    void theLongestMatchingLocationWins() throws Exception {
        f = fixture();
        f.clientUp(on(f.backend("root"), "loc.test").locations(List.of("/")).build(),
                on(f.backend("api"), "loc.test").locations(List.of("/api")).build(),
                on(f.backend("v2"), "loc.test").locations(List.of("/api/v2", "/static")).build());

        assertThat(f.curl("loc.test", "/api/v2/items?q=1").echo()).containsEntry("backend", "v2")
                .containsEntry("uri", "/api/v2/items?q=1");
        assertServedBy(Map.of("loc.test/static/app.js", "v2", "loc.test/api/v1", "api", "loc.test/index.html", "root"));
    }

    @Test
    void routeByHttpUserPicksTheUsersProxyAndOthersGetTheGeneralOne() throws Exception {
        f = fixture();
        HttpEchoBackend alice = f.backend("alice");
        f.clientUp(on(alice, "team.test").routeByHTTPUser("alice").basicAuth("alice", "a-pw").build(),
                on(f.backend("general"), "team.test").build());

        assertThat(f.curl("team.test", "/", "-u", "alice:a-pw").echo()).containsEntry("backend", "alice");
        assertThat(f.curl("team.test", "/").echo()).containsEntry("backend", "general");
        assertThat(f.curl("team.test", "/", "-u", "bob:x").echo()).containsEntry("backend", "general");
        // The user's route, with the wrong password: refused by that proxy's basic auth.
        HttpVhostFixture.Response wrong = f.curl("team.test", "/", "-u", "alice:wrong");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(alice.seen).hasSize(1);
    }

    @Test
    void unknownHostsGetA404PageUntilAProxyClaimsThem() throws Exception {
        f = fixture();
        HttpVhostFixture.Response r = f.curl("nobody.test", "/");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.headers().get("content-type")).startsWith("text/html");
        assertThat(r.body()).contains("The page you requested was not found.");
        // Once a proxy claims the name, the same host is served.
        HttpEchoBackend b = f.backend("b");
        f.clientUp(http("b", b, "nobody.test"));
        HttpVhostFixture.Response ok = f.curl("nobody.test", "/");
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void custom404PageIsServedForUnknownHosts() throws Exception {
        Path page = Files.writeString(dir.resolve("404.html"), "<html><body>custom missing page</body></html>");
        f = fixture(v -> v.withCustom404Page(page));
        HttpVhostFixture.Response r = f.curl("missing.test", "/anything");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("<html><body>custom missing page</body></html>");
    }

    @Test
    void conflictingRoutesAreRefusedWithAClearErrorAndTheFirstKeepsServing() throws Exception {
        f = fixture();
        HttpEchoBackend first = f.backend("first");
        f.clientUp(http("first", first, "dup.test"),
                on("grouped", first.port(), "group.test").loadBalancer("g1", "k1").build());

        HttpEchoBackend second = f.backend("second");
        var other = f.client(http("second", second, "DUP.test"),
                on("samepath", second.port(), "dup.test").locations(List.of("")).build(),
                on("wrongkey", second.port(), "group.test").loadBalancer("g1", "other").build(),
                on("othergroup", second.port(), "group.test").loadBalancer("g2", "k1").build(),
                on("nodomain", second.port()).build(),
                on("nosubhost", second.port()).subdomain("a.b").build(),
                // A different location on the same domain is no conflict.
                on("otherpath", second.port(), "dup.test").locations(List.of("/other")).build());

        Map<String, NewProxyResp> results = other.proxyResults();
        // frps's texts, byte for byte (jfrps's log has the domain, the proxy and the group)
        assertThat(results.get("second").error()).isEqualTo("router config conflict");
        assertThat(results.get("samepath").error()).isEqualTo("router config conflict");
        assertThat(results.get("wrongkey").error()).isEqualTo("group auth failed");
        assertThat(results.get("othergroup").error()).isEqualTo("router config conflict");
        assertThat(results.get("nodomain").error()).as("frps takes it, with no route").isEmpty();
        assertThat(results.get("nodomain").remoteAddr()).isEmpty();
        assertThat(results.get("nosubhost").error()).isEqualTo("'.' and '*' are not supported in subdomain");
        assertThat(results.get("otherpath").error()).isEmpty();

        assertServedBy(Map.of("dup.test/", "first", "dup.test/other/x", "second", "group.test/", "first"));
    }

    @Test
    void aProxyClosedWithItsClientGivesItsRoutesBack() throws Exception {
        f = fixture();
        var client = f.clientUp(http("a", f.backend("a"), "gone.test"));
        assertThat(f.curl("gone.test", "/").status()).isEqualTo(200);
        client.close();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> f.server.clientCount() == 0);
        assertThat(f.curl("gone.test", "/").status()).isEqualTo(404);
        // And the name can be claimed again by another client.
        HttpEchoBackend b = f.backend("b");
        f.clientUp(http("a", b, "gone.test"));
        assertThat(f.curl("gone.test", "/").echo()).containsEntry("backend", "b");
    }
}
