package io.jfrp.server.vhost.http;

import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.server.proxy.WorkConnBridge;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** frp's routing rules, one by one, on the table alone. */
class HttpRouterTest {
    private final HttpRouter router = new HttpRouter();

    /** A route target with no client behind it: the table never opens a work connection. */
    private record Target(String name, HttpProxyConfig config) implements HttpRouteTarget {
        @Override
        public WorkConnBridge bridge() {
            throw new UnsupportedOperationException("routing tables do not open work connections");
        }
    }

    private static HttpRouteTarget proxy(String name) {
        return proxy(name, "", "");
    }

    private static HttpRouteTarget proxy(String name, String group, String key) {
        return new Target(name, ProxyBuilder.http(name, "127.0.0.1", 80).loadBalancer(group, key).build());
    }

    private String route(String host, String path, String user) {
        HttpRouter.Route r = router.lookup(HttpRouter.canonicalHost(host), path, user);
        return r == null ? null : router.pick(r, null).name();
    }

    @Test
    void exactThenWildcardLabelByLabelThenCatchAll() throws Exception {
        router.add("a.example.com", "", "", proxy("exact"));
        router.add("*.example.com", "", "", proxy("wild"));
        router.add("*.b.example.com", "", "", proxy("wild-b"));
        router.add("*", "", "", proxy("all"));
        assertThat(route("A.Example.COM:8080", "/", "")).isEqualTo("exact");
        assertThat(route("x.example.com", "/", "")).isEqualTo("wild");
        assertThat(route("x.b.example.com", "/", "")).isEqualTo("wild-b");
        assertThat(route("x.y.c.example.com", "/", "")).isEqualTo("wild");
        // Two labels never match a wildcard of one (no "*.com").
        assertThat(route("example.com", "/", "")).isEqualTo("all");
        assertThat(route("other.org.", "/", "")).isEqualTo("all");
    }

    @Test
    void longestLocationWinsAndLocationsArePlainPrefixes() throws Exception {
        router.add("h", "", "", proxy("any"));
        router.add("h", "/api", "", proxy("api"));
        router.add("h", "/api/v2", "", proxy("v2"));
        assertThat(route("h", "/api/v2/x", "")).isEqualTo("v2");
        assertThat(route("h", "/api/v1", "")).isEqualTo("api");
        assertThat(route("h", "/apiary", "")).isEqualTo("api"); // frp: a prefix, not a path segment
        assertThat(route("h", "/", "")).isEqualTo("any");
    }

    @Test
    void aUsersRouteFirstThenTheRouteForEveryone() throws Exception {
        router.add("h", "", "alice", proxy("alice"));
        router.add("h", "", "", proxy("all"));
        router.add("only.alice", "", "alice", proxy("alice-only"));
        assertThat(route("h", "/", "alice")).isEqualTo("alice");
        assertThat(route("h", "/", "bob")).isEqualTo("all");
        assertThat(route("h", "/", "")).isEqualTo("all");
        assertThat(route("only.alice", "/", "")).isNull();
    }

    @Test
    void conflictsAndGroups() throws Exception {
        HttpRouteTarget first = proxy("first");
        HttpRouter.Route r = router.add("h", "/", "", first);
        assertThatThrownBy(() -> router.add("H", "/", "", proxy("second")))
                .isInstanceOfSatisfying(ProxyRefusal.class, e -> assertThat(e.detail()).contains("proxy [first]"))
                .hasMessage("router config conflict");
        router.add("h", "/", "u", proxy("other-user")); // another user: another route

        HttpRouteTarget g1 = proxy("g1", "web", "k");
        HttpRouteTarget g2 = proxy("g2", "web", "k");
        HttpRouter.Route gr = router.add("g", "", "", g1);
        assertThat(router.add("g", "", "", g2)).isSameAs(gr);
        assertThatThrownBy(() -> router.add("g", "", "", proxy("g3", "web", "wrong")))
                .hasMessage("group auth failed");
        assertThatThrownBy(() -> router.add("g", "", "", proxy("g4", "other", "k")))
                .hasMessage("router config conflict");
        assertThat(router.pick(gr, null).name()).isEqualTo("g1");
        assertThat(router.pick(gr, null).name()).isEqualTo("g2");
        assertThat(router.pick(gr, null).name()).isEqualTo("g1");
        assertThat(router.pick(gr, g2).name()).as("a connection stays with its member").isEqualTo("g2");

        router.remove(gr, g1);
        assertThat(route("g", "/", "")).isEqualTo("g2");
        router.remove(gr, g2);
        assertThat(route("g", "/", "")).isNull();
        router.remove(r, first);
        assertThat(route("h", "/", "")).isNull();
        router.add("h", "/", "", proxy("third")); // free again
    }

    @Test
    void aGroupIsKnownByItsNameAndHasOneRouteAsInFrps() {
        HttpRouteTarget g1 = proxy("g1", "web", "k");
        HttpRouter.Route gr = router.add("g.test", "/x", "", g1);
        for (String[] other : new String[][]{{"other.test", "/x", ""}, {"g.test", "/y", ""}, {"g.test", "/x", "u"}}) {
            assertThatThrownBy(() -> router.add(other[0], other[1], other[2], proxy("g2", "web", "k")))
                    .as(String.join(" ", other)).hasMessage("group params invalid")
                    .isInstanceOfSatisfying(ProxyRefusal.class, e -> assertThat(e.detail()).contains("g.test"));
        }
        assertThatThrownBy(() -> router.add("g.test", "/x", "", g1)).hasMessage("group proxy repeated");
        assertThatThrownBy(() -> router.add("g.test", "/x", "", proxy("g3", "other", "k")))
                .hasMessage("router config conflict");
        assertThatThrownBy(() -> router.add("G.test", "/x", "", proxy("g4", "web", "k")))
                .as("frps compares a group's domain as given").hasMessage("group params invalid");
        assertThatThrownBy(() -> router.add("G.TEST", "/x", "", proxy("g6"))).as("routes ignore case")
                .hasMessage("router config conflict");
        assertThat(router.add("g.test", "/x", "", proxy("g4", "web", "k"))).isSameAs(gr);

        router.remove(gr, g1);
        router.remove(gr, router.pick(gr, null));
        router.add("other.test", "/x", "", proxy("g5", "web", "k")); // the group went with its last member
        assertThat(route("other.test", "/x", "")).isEqualTo("g5");
    }
}
