package io.jfrp.server.vhost.http;

import io.jfrp.config.model.proxy.ProxyBuilder;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a request is routed by and authenticated with, in origin form, proxy form and CONNECT. */
class RequestTargetTest {
    private static HttpRequest req(HttpMethod method, String uri, String host) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        if (host != null) {
            r.headers().set(HttpHeaderNames.HOST, host);
        }
        return r;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void originFormRoutesByHostAndPathWithoutQuery() throws URISyntaxException {
        RequestTarget t = RequestTarget.of(req(HttpMethod.GET, "/api/v1?x=1", "Example.COM.:8080"));

        assertThat(t.host()).isEqualTo("example.com");
        assertThat(t.hostHeader()).isEqualTo("Example.COM.:8080");
        assertThat(t.path()).isEqualTo("/api/v1");
        assertThat(t.proxyForm()).isFalse();
    }

    @Test
    void proxyFormTakesTheHostFromTheRequestLineAndTheUserFromProxyAuthorization() throws URISyntaxException {
        HttpRequest r = req(HttpMethod.GET, "http://web.test:81/p", "other.test");
        r.headers().set(HttpHeaderNames.PROXY_AUTHORIZATION, basic("alice", "pw"));
        r.headers().set(HttpHeaderNames.AUTHORIZATION, basic("bob", "x"));

        RequestTarget t = RequestTarget.of(r);

        assertThat(t.host()).isEqualTo("web.test");
        assertThat(t.path()).isEqualTo("/p");
        assertThat(t.proxyForm()).isTrue();
        assertThat(t.routeUser()).isEqualTo("alice");
        assertThat(t.admittedBy(ProxyBuilder.http("w", "127.0.0.1", 80).basicAuth("alice", "pw").build())).isTrue();
        assertThat(t.admittedBy(ProxyBuilder.http("w", "127.0.0.1", 80).basicAuth("bob", "x").build()))
                .as("proxy form checks Proxy-Authorization only").isFalse();
    }

    @Test
    void connectRoutesByItsAuthorityWithNoPath() throws URISyntaxException {
        RequestTarget t = RequestTarget.of(req(HttpMethod.CONNECT, "db.test:5432", null));

        assertThat(t.host()).isEqualTo("db.test");
        assertThat(t.path()).isEmpty();
        assertThat(t.proxyForm()).isTrue();
    }

    @Test
    void theRouteUserFallsBackToAuthorizationAndNoCredentialsAdmitAnOpenProxy() throws URISyntaxException {
        HttpRequest r = req(HttpMethod.GET, "/", "a.test");
        r.headers().set(HttpHeaderNames.AUTHORIZATION, basic("carol", "pw"));

        RequestTarget t = RequestTarget.of(r);

        assertThat(t.routeUser()).isEqualTo("carol");
        assertThat(t.admittedBy(ProxyBuilder.http("open", "127.0.0.1", 80).build())).isTrue();
        assertThat(t.admittedBy(ProxyBuilder.http("closed", "127.0.0.1", 80).basicAuth("carol", "other").build()))
                .isFalse();
    }

    @Test
    void anAbsoluteUriThatDoesNotParseIsAnError() {
        assertThatThrownBy(() -> RequestTarget.of(req(HttpMethod.GET, "http://a.test/%zz", "a.test")))
                .isInstanceOf(URISyntaxException.class);
    }
}
