package io.jfrp.server.vhost;

import io.jfrp.server.proxy.ProxyRefusal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link NameRoutes} and {@link ProxyDomains}: frp's matching rules, conflicts and groups. */
class NameRoutesTest {
    private final NameRoutes<String> routes = new NameRoutes<>();

    private void add(String domain, String user, String target) {
        assertThat(routes.add(domain, user, "", "", target, target)).isNull();
    }

    @Test
    void exactThenWildcardsFromTheLeftThenCatchAll() {
        add("a.example.com", "", "exact");
        add("*.example.com", "", "wild");
        add("*.b.example.com", "", "wild-b");

        assertThat(routes.lookup("A.Example.COM", "")).isEqualTo("exact");
        assertThat(routes.lookup("x.example.com", "")).isEqualTo("wild");
        assertThat(routes.lookup("x.b.example.com", "")).isEqualTo("wild-b");
        assertThat(routes.lookup("x.y.c.example.com", "")).isEqualTo("wild");
        assertThat(routes.lookup("example.com", "")).isNull();
        assertThat(routes.lookup("other.org", "")).isNull();

        add("*", "", "all");
        assertThat(routes.lookup("other.org", "")).isEqualTo("all");
        add("*.com", "", "com");
        assertThat(routes.lookup("example.com", "")).as("two labels never match *.com").isEqualTo("all");
    }

    @Test
    void aUserRouteWinsAndOthersFallBackToTheRouteWithoutUser() {
        add("svc.test", "alice", "alice-proxy");
        assertThat(routes.lookup("svc.test", "bob")).isNull();
        add("svc.test", "", "anyone");

        assertThat(routes.lookup("svc.test", "alice")).isEqualTo("alice-proxy");
        assertThat(routes.lookup("svc.test", "bob")).isEqualTo("anyone");
        assertThat(routes.lookup("svc.test", "")).isEqualTo("anyone");
    }

    @Test
    void aTakenRouteIsAConflictNamingItsProxy() {
        add("svc.test", "", "first");
        ProxyRefusal refused = routes.add("SVC.test", "", "", "", "second", "second");
        assertThat(refused).hasMessage("router config conflict"); // frps's text, for the client
        assertThat(refused.detail()).isEqualTo("domain [svc.test] is already used by proxy [first]");
        assertThat(routes.add("svc.test", "u", "", "", "third", "third")).isNull();
        assertThat(routes.lookup("svc.test", "")).isEqualTo("first");
    }

    @Test
    void groupMembersShareARouteInTurnAndLeaveOneByOne() {
        assertThat(routes.add("web.test", "", "g", "k", "a", "a")).isNull();
        assertThat(routes.add("web.test", "", "g", "k", "b", "b")).isNull();
        assertThat(routes.add("web.test", "", "g", "bad", "c", "c")).hasMessage("group auth failed")
                .extracting(ProxyRefusal::detail).asString().contains("groupKey");
        assertThat(routes.add("web.test", "", "", "", "d", "d")).hasMessage("router config conflict")
                .extracting(ProxyRefusal::detail).asString().contains("already used by proxy [a]");

        assertThat(List.of(routes.lookup("web.test", ""), routes.lookup("web.test", ""),
                routes.lookup("web.test", ""))).containsExactly("a", "b", "a");

        routes.remove("web.test", "", "a");
        assertThat(routes.lookup("web.test", "")).isEqualTo("b");
        assertThat(routes.lookup("web.test", "")).isEqualTo("b");
        routes.remove("web.test", "", "b");
        assertThat(routes.lookup("web.test", "")).isNull();
        assertThat(routes.size()).isZero();
    }

    @Test
    void aGroupIsKnownByItsNameAndHasOneRouteAsInFrps() {
        List<String> noCredentials = List.of("", "");
        assertThat(routes.add("a.test", "", "g", "k", noCredentials, "a", "a")).isNull();
        assertThat(routes.add("b.test", "", "g", "k", noCredentials, "b", "b")).hasMessage("group params invalid")
                .extracting(ProxyRefusal::detail).asString().contains("serves domain [a.test]");
        assertThat(routes.add("a.test", "u", "g", "k", noCredentials, "c", "c")).hasMessage("group params invalid");
        assertThat(routes.add("a.test", "", "g", "k", List.of("u", "p"), "d", "d")).hasMessage("group params invalid");
        assertThat(routes.add("a.test", "", "g", "bad", noCredentials, "e", "e")).hasMessage("group auth failed");
        assertThat(routes.add("a.test", "", "h", "k", noCredentials, "f", "f")).hasMessage("router config conflict");
        assertThat(routes.add("A.test", "", "g", "k", noCredentials, "b", "b")).as("frps compares a group's domain as given")
                .hasMessage("group params invalid");
        assertThat(routes.add("A.TEST", "", "", "", noCredentials, "x", "x")).as("routes ignore case")
                .hasMessage("router config conflict");
        assertThat(routes.add("a.test", "", "g", "k", noCredentials, "b", "b")).isNull();
        assertThat(routes.lookup("b.test", "")).isNull();

        routes.remove("a.test", "", "a");
        routes.remove("a.test", "", "b");
        assertThat(routes.add("b.test", "", "g", "k", noCredentials, "b", "b")).as("the group went with its last member")
                .isNull();
    }

    @Test
    void domainsAreBuiltAndCheckedAsFrpsDoes() {
        assertThat(ProxyDomains.of(List.of("A.test", ""), "Web", "example.org")).as("case kept, as frps")
                .containsExactly("A.test", "Web.example.org");
        // frps's texts (pkg/config/v1/validation) for the client, jfrps's fuller detail for its log
        assertThat(ProxyDomains.of(List.of(), "", "example.org")).as("none at all: frps takes it, no route").isEmpty();
        assertThatThrownBy(() -> ProxyDomains.of(List.of(), "web", ""))
                .hasMessage("subdomain is not supported because this feature is not enabled in server")
                .isInstanceOfSatisfying(ProxyRefusal.class, e -> assertThat(e.detail()).contains("subDomainHost"));
        assertThatThrownBy(() -> ProxyDomains.of(List.of(), "a.b", "example.org"))
                .hasMessage("'.' and '*' are not supported in subdomain");
        assertThatThrownBy(() -> ProxyDomains.of(List.of("X.example.org"), "", "example.org"))
                .hasMessage("custom domain [X.example.org] should not belong to subdomain host [example.org]");
        assertThat(ProxyDomains.canonicalAddr("a.test", 443)).isEqualTo("a.test");
        assertThat(ProxyDomains.canonicalAddr("a.test", 8443)).isEqualTo("a.test:8443");
    }
}
