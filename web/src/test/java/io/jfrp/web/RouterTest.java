package io.jfrp.web;

import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {
    private static final WebHandler H = r -> WebResponse.ok();

    @Test
    void parametersMatchOneNonEmptyEncodedSegment() {
        Router router = new Router().get("/api/proxy/{type}/{name}", H);
        Router.Match m = router.find(HttpMethod.GET, "/api/proxy/tcp/a%2Fb");
        assertThat(m).isInstanceOf(Router.Match.Found.class);
        assertThat(((Router.Match.Found) m).params()).isEqualTo(Map.of("type", "tcp", "name", "a%2Fb"));
        assertThat(router.find(HttpMethod.GET, "/api/proxy/tcp/a/b")).isInstanceOf(Router.Match.NotFound.class);
        assertThat(router.find(HttpMethod.GET, "/api/proxy/tcp/")).isInstanceOf(Router.Match.NotFound.class);
        assertThat(router.find(HttpMethod.GET, "/api/proxy/tcp")).isInstanceOf(Router.Match.NotFound.class);
    }

    @Test
    void firstMatchingRouteWinsAndOtherMethodsGive405() {
        Router router = new Router().get("/api/proxies/{name}", H).delete("/api/proxies", H).post("/api/proxies", H);
        assertThat(router.find(HttpMethod.PUT, "/api/proxies"))
                .isEqualTo(new Router.Match.MethodNotAllowed(Set.of(HttpMethod.DELETE, HttpMethod.POST)));
        assertThat(router.find(HttpMethod.DELETE, "/api/proxies")).isInstanceOf(Router.Match.Found.class);
    }

    @Test
    void prefixPatternsAndPublicRoutes() {
        Router router = new Router().get("/static/**", H).publicRoute(HttpMethod.GET, "/healthz", H);
        assertThat(router.find(HttpMethod.GET, "/static/")).isInstanceOf(Router.Match.Found.class);
        assertThat(router.find(HttpMethod.GET, "/static/a/b.css")).isInstanceOf(Router.Match.Found.class);
        assertThat(router.find(HttpMethod.GET, "/static")).isInstanceOf(Router.Match.NotFound.class);
        assertThat(router.isPublic(HttpMethod.GET, "/healthz")).isTrue();
        assertThat(router.isPublic(HttpMethod.POST, "/healthz")).isFalse();
        assertThat(router.isPublic(HttpMethod.GET, "/static/x")).isFalse();
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThatThrownBy(() -> new Router().get("api", H)).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> new Router().get("/a/**/b", H)).hasMessageContaining("'**' may only end");
        assertThatThrownBy(() -> new Router().get("/a/{}", H)).hasMessageContaining("malformed parameter");
        assertThatThrownBy(() -> new Router().get("/a/{x", H)).hasMessageContaining("malformed parameter");
    }

    @Test
    void pathSegmentsUnescapeLikeGo() {
        assertThat(PathCodec.unescape("a%2Eb+c%20d")).isEqualTo("a.b+c d");
        assertThat(PathCodec.unescape("%E2%82%AC")).isEqualTo("€");
        assertThatThrownBy(() -> PathCodec.unescape("a%2")).hasMessageContaining("truncated");
        assertThatThrownBy(() -> PathCodec.unescape("%zz")).hasMessageContaining("invalid escape");
        assertThatThrownBy(() -> PathCodec.unescape("%ff")).hasMessageContaining("not UTF-8");
    }
}
