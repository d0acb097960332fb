package io.jfrp.server.vhost.http;

import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the vhost drops and adds in requests and responses on their way through. */
class HeaderRulesTest {
    private static final HttpProxyConfig PROXY = ProxyBuilder.http("web", "127.0.0.1", 80, "a.test").build();

    @Test
    void theHeadersAConnectionHeaderNamesAreDroppedWithItButTransferEncodingStays() {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpHeaders h = res.headers();
        h.add(HttpHeaderNames.CONNECTION, "X-Trace ,keep-alive,, Transfer-Encoding");
        h.add(HttpHeaderNames.CONNECTION, "x-hop");
        h.set("X-Trace", "1").set("X-Hop", "2").set("Keep-Alive", "timeout=5").set("X-End", "3");
        h.set(HttpHeaderNames.TRANSFER_ENCODING, "chunked").set(HttpHeaderNames.CONTENT_TYPE, "text/plain");

        HeaderRules.toClient(res, PROXY);

        assertThat(h.names()).containsExactlyInAnyOrder("X-End", "transfer-encoding", "content-type");
        assertThat(h.get(HttpHeaderNames.TRANSFER_ENCODING)).isEqualTo("chunked");
    }

    @Test
    void aRequestLosesItsConnectionHeadersAndGetsTheForwardingHeaders() {
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/");
        req.headers().set(HttpHeaderNames.HOST, "a.test").set(HttpHeaderNames.CONNECTION, "keep-alive")
                .set(HttpHeaderNames.KEEP_ALIVE, "timeout=5").set("X-Forwarded-For", "10.0.0.1");

        HeaderRules.toBackend(req, PROXY, "a.test", "192.0.2.7");

        HttpHeaders h = req.headers();
        assertThat(req.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(h.contains(HttpHeaderNames.CONNECTION)).isFalse();
        assertThat(h.contains(HttpHeaderNames.KEEP_ALIVE)).isFalse();
        assertThat(h.get("X-Forwarded-For")).isEqualTo("10.0.0.1, 192.0.2.7");
        assertThat(h.get("X-Forwarded-Host")).isEqualTo("a.test");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(h.get("X-Real-IP")).isEqualTo("192.0.2.7");
    }

    @Test
    void anUpgradeRequestKeepsItsConnectionAndUpgradeHeaders() {
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws");
        req.headers().set(HttpHeaderNames.CONNECTION, "keep-alive, Upgrade").set(HttpHeaderNames.UPGRADE, "websocket");

        HeaderRules.toBackend(req, PROXY, "a.test", "192.0.2.7");

        assertThat(req.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("upgrade");
        assertThat(req.headers().get(HttpHeaderNames.UPGRADE)).isEqualTo("websocket");
    }
}
