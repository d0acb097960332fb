package io.jfrp.server.vhost.tcpmux;

import io.jfrp.protocol.relay.Relay;
import io.jfrp.testkit.EmbeddedBytes;
import io.jfrp.testkit.EmbeddedDuplexChannel;
import io.jfrp.testkit.EmbeddedChannels;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link HttpConnectRouter}: the exchange a client sees on the tcpmux port, byte for byte. */
class HttpConnectRouterTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    private static final String AUTH_REQUIRED = "HTTP/1.1 407 Proxy Authentication Required\r\n"
            + "Proxy-Authenticate: Basic realm=\"Restricted\"\r\nContent-Length: 0\r\n\r\n";

    record Route(String name, String httpUser, String httpPassword) implements HttpConnectRouter.Target {
    }

    private final List<String> routed = new ArrayList<>();
    private final List<String> lookups = new ArrayList<>();
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();

    /** svc.test is open; secure.test wants u:p; users.test routes alice to one proxy, everyone else to another. */
    private Route route(String host, String user) {
        lookups.add(host + "/" + user);
        return switch (host) {
            case "svc.test" -> new Route("svc", "", "");
            case "secure.test" -> new Route("secure", "u", "p");
            case "users.test" -> user.equals("alice") ? new Route("alice-proxy", "", "") : new Route("others", "", "");
            default -> null;
        };
    }

    private EmbeddedDuplexChannel connection(EmbeddedDuplexChannel backend, boolean passthrough) {
        EmbeddedDuplexChannel pub = new EmbeddedDuplexChannel();
        channels.track(pub);
        HttpConnectRouter.install(pub.pipeline(), this::route, (Channel ch, String host, Route target) -> {
            routed.add(host + "->" + target.name());
            Relay.join((DuplexChannel) ch, backend);
        }, passthrough, Duration.ofSeconds(10), null);
        return pub;
    }

    private EmbeddedDuplexChannel backend() {
        EmbeddedDuplexChannel ch = new EmbeddedDuplexChannel();
        channels.track(ch);
        return ch;
    }

    private static void send(EmbeddedDuplexChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void connectIsAnsweredLikeFrpAndBecomesATunnel() {
        EmbeddedDuplexChannel backend = backend();
        EmbeddedDuplexChannel pub = connection(backend, false);

        send(pub, "CONNECT SVC.test:80 HTTP/1.1\r\nHost: svc.test:80\r\n\r\n");

        assertThat(EmbeddedBytes.outboundText(pub)).isEqualTo(OK);
        assertThat(routed).containsExactly("svc.test->svc");
        assertThat(pub.pipeline().names()).noneMatch(n -> n.startsWith("tcpmux"));

        send(pub, "GET / HTTP/1.1\r\n\r\n");
        backend.runPendingTasks();
        assertThat(EmbeddedBytes.outboundText(backend)).isEqualTo("GET / HTTP/1.1\r\n\r\n");

        // And back.
        backend.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 204 No Content\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(EmbeddedBytes.outboundText(pub)).isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
    }

    @Test
    void bytesSentRightAfterTheRequestHeadReachTheBackend() {
        EmbeddedDuplexChannel backend = backend();
        EmbeddedDuplexChannel pub = connection(backend, false);

        send(pub, "CONNECT svc.test:443 HTTP/1.1\r\n\r\n\u0016\u0003\u0001early bytes");
        backend.runPendingTasks();

        assertThat(EmbeddedBytes.outboundText(pub)).isEqualTo(OK);
        assertThat(EmbeddedBytes.outboundText(backend)).isEqualTo("\u0016\u0003\u0001early bytes");
    }

    @Test
    void passthroughSendsTheRequestItselfAndNoAnswer() {
        EmbeddedDuplexChannel backend = backend();
        EmbeddedDuplexChannel pub = connection(backend, true);
        String request = "CONNECT svc.test:80 HTTP/1.1\r\nHost: svc.test:80\r\nX-Odd-Case: Kept\r\n\r\n";

        send(pub, request.substring(0, 20));
        send(pub, request.substring(20) + "data");
        backend.runPendingTasks();

        assertThat(EmbeddedBytes.outboundText(pub)).isEmpty();
        assertThat(EmbeddedBytes.outboundText(backend)).isEqualTo(request + "data");
        assertThat(pub.pipeline().names()).noneMatch(n -> n.startsWith("tcpmux"));
    }

    @Test
    void credentialsAreRequiredWhenTheProxySetsHttpUser() {
        EmbeddedDuplexChannel missing = connection(backend(), false);
        send(missing, "CONNECT secure.test:22 HTTP/1.1\r\n\r\n");
        assertThat(EmbeddedBytes.outboundText(missing)).isEqualTo(AUTH_REQUIRED);
        assertThat(missing.isOpen()).isFalse();

        EmbeddedDuplexChannel wrong = connection(backend(), false);
        send(wrong, "CONNECT secure.test:22 HTTP/1.1\r\nProxy-Authorization: " + basic("u", "wrong") + "\r\n\r\n");
        assertThat(EmbeddedBytes.outboundText(wrong)).isEqualTo(AUTH_REQUIRED);
        assertThat(wrong.isOpen()).isFalse();
        assertThat(routed).isEmpty();

        EmbeddedDuplexChannel right = connection(backend(), false);
        send(right, "CONNECT secure.test:22 HTTP/1.1\r\nProxy-Authorization: " + basic("u", "p") + "\r\n\r\n");
        assertThat(EmbeddedBytes.outboundText(right)).isEqualTo(OK);
        assertThat(routed).containsExactly("secure.test->secure");
    }

    @Test
    void theProxyUserTakesPartInRouting() {
        send(connection(backend(), false), "CONNECT users.test:80 HTTP/1.1\r\nProxy-Authorization: "
                + basic("alice", "x") + "\r\n\r\n");
        send(connection(backend(), false), "CONNECT users.test:80 HTTP/1.1\r\n\r\n");

        assertThat(lookups).containsExactly("users.test/alice", "users.test/");
        assertThat(routed).containsExactly("users.test->alice-proxy", "users.test->others");
    }

    @Test
    void anUnknownHostGets404AndIsClosed() {
        EmbeddedDuplexChannel pub = connection(backend(), false);
        send(pub, "CONNECT nobody.test:80 HTTP/1.1\r\n\r\n");

        String answer = EmbeddedBytes.outboundText(pub);
        assertThat(answer).startsWith("HTTP/1.1 404 Not Found\r\nContent-Length: "
                + io.jfrp.server.vhost.NotFoundPages.DEFAULT.length() + "\r\nContent-Type: text/html\r\nServer: frp/"
                + io.jfrp.protocol.FrpVersion.SPOKEN + "\r\n\r\n").endsWith(io.jfrp.server.vhost.NotFoundPages.DEFAULT);
        assertThat(pub.isOpen()).isFalse();
        assertThat(routed).isEmpty();
    }

    @Test
    void custom404PageIsServedForUnknownHosts() {
        EmbeddedDuplexChannel pub = new EmbeddedDuplexChannel();
        channels.track(pub);
        HttpConnectRouter.install(pub.pipeline(), this::route, (ch, host, target) -> routed.add(host),
                false, Duration.ofSeconds(10), "<p>custom</p>".getBytes(StandardCharsets.UTF_8));
        send(pub, "CONNECT nobody.test:80 HTTP/1.1\r\n\r\n");

        assertThat(EmbeddedBytes.outboundText(pub)).startsWith("HTTP/1.1 404 Not Found\r\n").endsWith("\r\n\r\n<p>custom</p>");
    }

    @Test
    void aClientThatNeverFinishesItsRequestIsClosedAfterTheTimeout() {
        EmbeddedDuplexChannel pub = new EmbeddedDuplexChannel();
        channels.track(pub);
        pub.freezeTime();
        HttpConnectRouter.install(pub.pipeline(), this::route, (ch, host, target) -> routed.add(host),
                false, Duration.ofSeconds(10), null);
        send(pub, "CONNECT svc.test:80 HTTP/1.1\r\n");

        pub.advanceTimeBy(9, java.util.concurrent.TimeUnit.SECONDS);
        pub.runScheduledPendingTasks();
        assertThat(pub.isOpen()).isTrue();
        pub.advanceTimeBy(2, java.util.concurrent.TimeUnit.SECONDS);
        pub.runScheduledPendingTasks();
        assertThat(pub.isOpen()).isFalse();
        assertThat(routed).isEmpty();
    }

    @Test
    void otherMethodsAreClosedWithoutAnAnswerAsInFrps() {
        EmbeddedDuplexChannel pub = connection(backend(), false);
        send(pub, "GET http://svc.test/ HTTP/1.1\r\nHost: svc.test\r\n\r\n");

        assertThat(EmbeddedBytes.outboundText(pub)).isEmpty();
        assertThat(pub.isOpen()).isFalse();
        assertThat(routed).isEmpty();
    }

    @Test
    void malformedRequestsAreClosedWithoutAnAnswerAsInFrps() {
        EmbeddedDuplexChannel badHeader = connection(backend(), false);
        send(badHeader, "CONNECT svc.test:80 HTTP/1.1\r\nno colon in this header\r\n\r\n");
        assertThat(EmbeddedBytes.outboundText(badHeader)).isEmpty();
        assertThat(badHeader.isOpen()).isFalse();

        EmbeddedDuplexChannel tooLong = connection(backend(), false);
        send(tooLong, "CONNECT svc.test:80 HTTP/1.1\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n");
        assertThat(EmbeddedBytes.outboundText(tooLong)).isEmpty();
        assertThat(tooLong.isOpen()).isFalse();
        assertThat(routed).isEmpty();
    }

    @Test
    void hostsAreComparedAsFrpDoes() {
        assertThat(HttpConnectRouter.canonicalHost("Svc.Test:443")).isEqualTo("svc.test");
        assertThat(HttpConnectRouter.canonicalHost("svc.test.:443")).isEqualTo("svc.test");
        assertThat(HttpConnectRouter.canonicalHost("svc.test")).isEqualTo("svc.test");
        assertThat(HttpConnectRouter.canonicalHost("[::1]:22")).isEqualTo("::1");
        assertThat(HttpConnectRouter.canonicalHost("/path")).isEmpty();
    }

    @Test
    void basicCredentialsParseAsFrpDoes() {
        assertThat(BasicCredentials.parse(basic("u", "p:q"))).isEqualTo(new BasicCredentials("u", "p:q"));
        assertThat(BasicCredentials.parse("bAsIc " + Base64.getEncoder().encodeToString("a:b".getBytes())))
                .isEqualTo(new BasicCredentials("a", "b"));
        assertThat(BasicCredentials.parse("Bearer abc")).isEqualTo(BasicCredentials.NONE);
        assertThat(BasicCredentials.parse("Basic !!!")).isEqualTo(BasicCredentials.NONE);
        assertThat(BasicCredentials.parse(null)).isEqualTo(BasicCredentials.NONE);
        assertThat(new BasicCredentials("u", "p").matches("u", "p")).isTrue();
        assertThat(new BasicCredentials("u", "p").matches("u", "q")).isFalse();
    }
}
