package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.TcpMuxProxyConfig;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user of frp's vhost ports sees, from stock frps 0.70.0 and from jfrps with the same
 * settings and proxies, on real sockets: the answers the servers give themselves (404s, a TLS
 * alert, a closed connection), the load-balancing groups of http, https and tcpmux proxies (keyed
 * by group name), and proxies with no domain at all (which stock frpc never sends, but stock frps
 * takes). A missing stock frp skips, or fails on CI.
 */
class StockFrpsVhostParityTest extends E2eCase {
    private static final String TOKEN = "parity";
    /** The heading of frp's 404 page, which jfrps' own page keeps. */
    private static final String PAGE_HEADING = "<h1>The page you requested was not found.</h1>";

    private int http;
    private int https;
    private int tcpmux;

    /** What a test records of a server, given its bindPort. */
    @FunctionalInterface
    private interface Recording {
        Map<String, String> of(int bindPort) throws Exception;
    }

    /** What {@code recording} gives for each server: stock frps, then jfrps. */
    private record StockAndOurs(Map<String, String> stock, Map<String, String> ours) {
    }

    @BeforeEach
    void vhostPorts() throws IOException {
        http = StockFrp.freePort();
        https = StockFrp.freePort();
        tcpmux = StockFrp.freePort();
    }

    /** {@code recording} of stock frps, then of jfrps, each with the three vhost ports on. */
    private StockAndOurs recorded(Recording recording) throws Exception {
        Map<String, String> stock;
        int bindPort = StockFrp.freePort();
        try (StockFrp frps = StockFrp.start("frps", dir, "bindAddr = \"127.0.0.1\"\nbindPort = " + bindPort
                + "\nproxyBindAddr = \"127.0.0.1\"\nauth.token = \"" + TOKEN + "\"\nsubDomainHost = \"sub.test\"\n"
                + "vhostHTTPPort = " + http + "\nvhostHTTPSPort = " + https + "\ntcpmuxHTTPConnectPort = " + tcpmux
                + "\n" + StockFrp.logConfig())) {
            frps.awaitLog("frps started successfully", 10);
            stock = recording.of(bindPort);
        }
        FrpServer jfrps = server(TOKEN, c -> c.withVhost(VhostConfig.OFF.withHttpPort(http).withHttpsPort(https)
                .withTcpmuxHttpConnectPort(tcpmux, false).withSubDomainHost("sub.test")));
        return new StockAndOurs(stock, recording.of(jfrps.address().getPort()));
    }

    /**
     * The answers each server gives itself: an HTTP CONNECT for a host no proxy serves, on the
     * tcpmux port and on vhostHTTPPort (frp's 404 with {@code Server: frp/0.70.0}, then closed), a GET
     * on the tcpmux port (closed without an answer), a GET for an unknown host and for a served host's
     * unknown path (Go's 404, with Date), a GET without the credentials an http proxy asks for, in
     * origin and in proxy form (401, 407), a request that cannot be read (Go's 400, closed), a ClientHello for an unknown name on vhostHTTPSPort (a
     * fatal alert). Byte for byte, but for Date's value and the 404 page itself (and so its length):
     * jfrps has a page of its own.
     */
    @Test
    void answersOfTheServersOwnAreStockFrps() throws Exception {
        EchoService echo = closer.add(new EchoService());
        List<ProxyConfig> proxies = List.of(
                ProxyBuilder.http("web", "127.0.0.1", echo.port(), "a.test").locations(List.of("/foo")).build(),
                ProxyBuilder.http("locked", "127.0.0.1", echo.port(), "b.test").basicAuth("u", "p").build());

        StockAndOurs answers = recorded(bindPort -> ownAnswers(bindPort, proxies));

        assertThat(answers.stock().get("tcpmux CONNECT, unknown host")).as("stock frps's answer")
                .startsWith("HTTP/1.1 404 Not Found\r\n").contains("\r\nServer: frp/" + FrpVersion.SPOKEN + "\r\n");
        assertThat(answers.stock().get("tcpmux GET")).as("stock frps's answer").isEqualTo("<closed>");
        assertThat(answers.ours()).isEqualTo(answers.stock());
    }

    /**
     * frps keys the load-balancing groups of http, https and tcpmux proxies by group name, one set
     * of groups per type: a member asking for another route than its group's (domain, and location
     * and routeByHTTPUser for http, routeByHTTPUser and credentials for tcpmux) is refused with
     * {@code group params invalid}, so is an http proxy of a group with two domains (its second route
     * is another than its first), a wrong key with {@code group auth failed}, a group's route taken
     * by another group with {@code router config conflict}.
     */
    @Test
    void loadBalancingGroupsAreKeyedByNameAsInStockFrps() throws Exception {
        EchoService echo = closer.add(new EchoService());
        int p = echo.port();
        List<ProxyConfig> first = List.of(
                ProxyBuilder.https("ga", "127.0.0.1", p, "a.test").loadBalancer("g", "k").build(),
                mux(ProxyBuilder.tcpmux("ma", "127.0.0.1", p, "m.test").loadBalancer("g", "k")),
                ProxyBuilder.http("wa", "127.0.0.1", p, "w.test").locations(List.of("/x")).loadBalancer("g", "k")
                        .build());
        List<ProxyConfig> refused = List.of(
                ProxyBuilder.https("gb", "127.0.0.1", p, "b.test").loadBalancer("g", "k").build(),
                ProxyBuilder.https("gc", "127.0.0.1", p, "a.test").loadBalancer("g", "wrong").build(),
                ProxyBuilder.https("gd", "127.0.0.1", p, "a.test").loadBalancer("h", "k").build(),
                ProxyBuilder.https("ge", "127.0.0.1", p, "a.test").loadBalancer("g", "k").build(),
                mux(ProxyBuilder.tcpmux("mb", "127.0.0.1", p, "n.test").loadBalancer("g", "k")),
                mux(ProxyBuilder.tcpmux("mc", "127.0.0.1", p, "m.test").loadBalancer("g", "k").routeByHTTPUser("u")),
                mux(ProxyBuilder.tcpmux("md", "127.0.0.1", p, "m.test").loadBalancer("g", "k").basicAuth("u", "pw")),
                mux(ProxyBuilder.tcpmux("me", "127.0.0.1", p, "m.test").loadBalancer("g", "wrong")),
                mux(ProxyBuilder.tcpmux("mf", "127.0.0.1", p, "m.test").loadBalancer("g", "k")),
                ProxyBuilder.http("wb", "127.0.0.1", p, "w.test").locations(List.of("/y")).loadBalancer("g", "k")
                        .build(),
                ProxyBuilder.http("wc", "127.0.0.1", p, "v.test").locations(List.of("/x")).loadBalancer("g", "k")
                        .build(),
                ProxyBuilder.http("wd", "127.0.0.1", p, "w.test").locations(List.of("/x")).loadBalancer("g", "wrong")
                        .build(),
                ProxyBuilder.http("we", "127.0.0.1", p, "w.test").locations(List.of("/x")).loadBalancer("h", "k")
                        .build(),
                ProxyBuilder.http("wf", "127.0.0.1", p, "w.test").locations(List.of("/x")).loadBalancer("g", "k")
                        .build(),
                ProxyBuilder.http("wg", "127.0.0.1", p, "t1.test", "t2.test").loadBalancer("two", "k").build());

        StockAndOurs errors = recorded(bindPort -> proxyErrors(bindPort, TOKEN, first, refused));

        assertThat(errors.stock()).as("stock frps's answers").containsEntry("gb", "group params invalid")
                .containsEntry("ge", "").containsEntry("wg", "group params invalid");
        assertThat(errors.ours()).isEqualTo(errors.stock());
    }

    /**
     * The case of a domain, as frps 0.70 has it: a load-balancing group compares its members' domain
     * as given ({@code Case.Test} is another than {@code case.test}: {@code group params invalid}),
     * while routes ignore case (a proxy without a group asking for {@code CASE.TEST} while
     * {@code Case.Test} is served gets {@code router config conflict}); remote_addr names the domain
     * as the proxy gave it.
     */
    @Test
    void domainCaseInGroupsAndRoutesIsAsStockFrps() throws Exception {
        EchoService echo = closer.add(new EchoService());
        int p = echo.port();
        List<ProxyConfig> first = List.of(
                ProxyBuilder.https("sa", "127.0.0.1", p, "Case.Test").loadBalancer("s", "k").build(),
                mux(ProxyBuilder.tcpmux("ma", "127.0.0.1", p, "Mux.Case.Test").loadBalancer("m", "k")),
                ProxyBuilder.http("wa", "127.0.0.1", p, "Web.Case.Test").loadBalancer("w", "k").build());
        List<ProxyConfig> refused = List.of(
                ProxyBuilder.https("sb", "127.0.0.1", p, "case.test").loadBalancer("s", "k").build(),
                ProxyBuilder.https("sc", "127.0.0.1", p, "Case.Test").loadBalancer("s", "k").build(),
                ProxyBuilder.https("sd", "127.0.0.1", p, "CASE.TEST").build(),
                mux(ProxyBuilder.tcpmux("mb", "127.0.0.1", p, "mux.case.test").loadBalancer("m", "k")),
                mux(ProxyBuilder.tcpmux("mc", "127.0.0.1", p, "Mux.Case.Test").loadBalancer("m", "k")),
                mux(ProxyBuilder.tcpmux("md", "127.0.0.1", p, "MUX.CASE.TEST")),
                ProxyBuilder.http("wb", "127.0.0.1", p, "web.case.test").loadBalancer("w", "k").build(),
                ProxyBuilder.http("wc", "127.0.0.1", p, "Web.Case.Test").loadBalancer("w", "k").build(),
                ProxyBuilder.http("wd", "127.0.0.1", p, "WEB.CASE.TEST").build());
        List<ProxyConfig> named = List.of(
                ProxyBuilder.http("up-http", "127.0.0.1", p, "Up.Case.Test").build(),
                ProxyBuilder.https("up-https", "127.0.0.1", p, "Up.Case.Test").build(),
                mux(ProxyBuilder.tcpmux("up-tcpmux", "127.0.0.1", p, "Up.Case.Test")));

        StockAndOurs answers = recorded(bindPort -> {
            Map<String, String> all = new LinkedHashMap<>(proxyErrors(bindPort, TOKEN, first, refused));
            answers(bindPort, named).forEach((name, answer) -> all.put(name, answer));
            return all;
        });

        assertThat(answers.stock()).as("stock frps's answers").containsEntry("sb", "group params invalid")
                .containsEntry("sc", "").containsEntry("wb", "group params invalid");
        assertThat(answers.ours()).isEqualTo(answers.stock());
    }

    /**
     * http, https and tcpmux proxies without customDomains and subdomain (stock frpc and jfrpc refuse
     * them in a configuration file, jfrpc's API sends them): stock frps creates them with no route and an empty remote_addr; an
     * http proxy with two locations gets its domain in remote_addr once per location.
     */
    @Test
    void proxiesWithoutDomainsAreTakenAsStockFrpsTakesThem() throws Exception {
        EchoService echo = closer.add(new EchoService());
        int p = echo.port();
        List<ProxyConfig> asked = List.of(
                ProxyBuilder.http("bare-http", "127.0.0.1", p).build(),
                ProxyBuilder.https("bare-https", "127.0.0.1", p).build(),
                mux(ProxyBuilder.tcpmux("bare-tcpmux", "127.0.0.1", p)),
                ProxyBuilder.http("two-locations", "127.0.0.1", p, "l.test").locations(List.of("/a", "/b")).build());

        StockAndOurs answers = recorded(bindPort -> answers(bindPort, asked));

        assertThat(answers.stock()).as("stock frps's answers").containsEntry("bare-http", "error [] remote_addr []");
        assertThat(answers.ours()).isEqualTo(answers.stock());
    }

    private static ProxyConfig mux(ProxyBuilder<TcpMuxProxyConfig> b) {
        return b.multiplexer(TcpMuxProxyConfig.HTTP_CONNECT).build();
    }

    /** With jfrpc's {@code proxies} up, the answers each case gets, normalized ({@link #normalized}). */
    private Map<String, String> ownAnswers(int bindPort, List<ProxyConfig> proxies) throws Exception {
        try (FrpClient client = client(bindPort, TOKEN, proxies, c -> c)) {
            client.start().get(20, TimeUnit.SECONDS);
            for (ProxyConfig proxy : proxies) {
                assertThat(E2e.awaitProxy(client, proxy.name()).error()).as(proxy.name()).isEmpty();
            }
            String connect = "CONNECT x.test:80 HTTP/1.1\r\nHost: x.test:80\r\n\r\n";
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("tcpmux CONNECT, unknown host", normalized(untilClosed(tcpmux, ascii(connect))));
            answers.put("tcpmux GET", normalized(untilClosed(tcpmux,
                    ascii("GET / HTTP/1.1\r\nHost: a.test\r\n\r\n"))));
            answers.put("http CONNECT, unknown host", normalized(untilClosed(http, ascii(connect))));
            answers.put("http GET, unknown host", normalized(oneResponse(http, "GET / HTTP/1.1\r\nHost: x.test\r\n\r\n")));
            answers.put("http GET, unknown path", normalized(oneResponse(http, "GET /bar HTTP/1.1\r\nHost: a.test\r\n\r\n")));
            answers.put("http GET, no credentials", oneResponse(http, "GET / HTTP/1.1\r\nHost: b.test\r\n\r\n")
                    .replaceAll("\r\nDate: [^\r]*\r\n", "\r\nDate: D\r\n"));
            answers.put("http GET in proxy form, no credentials", oneResponse(http,
                    "GET http://b.test/ HTTP/1.1\r\nHost: b.test\r\n\r\n")
                    .replaceAll("\r\nDate: [^\r]*\r\n", "\r\nDate: D\r\n"));
            answers.put("http, a header line without a colon", untilClosed(http,
                    ascii("GET / HTTP/1.1\r\nHost: x.test\r\nno colon here\r\n\r\n")));
            answers.put("http, no request line", untilClosed(http, ascii("GARBAGE\r\n\r\n")));
            answers.put("https, unknown name", HexFormat.of().formatHex(
                    untilClosed(https, clientHello("x.test")).getBytes(StandardCharsets.ISO_8859_1)));
            return answers;
        }
    }

    /**
     * {@code answer} with Date's value set aside and, when its body is a 404 page (frp's or jfrps'),
     * the page and its Content-Length too.
     */
    private static String normalized(String answer) {
        String out = answer.replaceAll("\r\nDate: [^\r]*\r\n", "\r\nDate: D\r\n");
        int end = out.indexOf("\r\n\r\n");
        if (end >= 0 && out.indexOf(PAGE_HEADING, end) >= 0) {
            out = out.substring(0, end).replaceAll("\r\nContent-Length: \\d+", "\r\nContent-Length: N")
                    + "\r\n\r\n<404 page>" + (out.endsWith("<closed>") ? "<closed>" : "");
        }
        return out;
    }

    /** What a connection that sent {@code request} gets until the server closes it, then {@code <closed>}. */
    private static String untilClosed(int port, byte[] request) throws IOException {
        try (Socket s = connect(port)) {
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1) + "<closed>";
        }
    }

    /** One response (head and Content-Length bytes of body) to {@code request}. */
    private static String oneResponse(int port, String request) throws IOException {
        try (Socket s = connect(port)) {
            s.getOutputStream().write(ascii(request));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed within the head: " + head.toString(StandardCharsets.ISO_8859_1));
                }
                head.write(b);
            }
            String h = head.toString(StandardCharsets.ISO_8859_1);
            Matcher length = Pattern.compile("(?i)\r\ncontent-length: (\\d+)\r\n").matcher(h);
            byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
            return h + new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A TLS ClientHello naming {@code host} (Java's, TLS 1.3 and 1.2 offered). */
    private static byte[] clientHello(String host) throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(host)));
        engine.setSSLParameters(params);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    /** The NewProxyResp jfrpc gets for each of {@code proxies}: its error and remote_addr. */
    private Map<String, String> answers(int bindPort, List<ProxyConfig> proxies) throws Exception {
        try (FrpClient client = client(bindPort, TOKEN, proxies, c -> c)) {
            client.start().get(20, TimeUnit.SECONDS);
            Map<String, String> answers = new LinkedHashMap<>();
            for (ProxyConfig p : proxies) {
                NewProxyResp r = E2e.awaitProxy(client, p.name());
                answers.put(p.name(), "error [" + r.error() + "] remote_addr [" + r.remoteAddr() + "]");
            }
            return answers;
        }
    }
}
