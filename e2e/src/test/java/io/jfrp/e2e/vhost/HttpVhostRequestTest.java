package io.jfrp.e2e.vhost;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.testkit.RequiredTools;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens to requests on their way through an http proxy: basic auth, header rules, bodies,
 * keep-alive across proxies, HTTP/2 cleartext, malformed input, vhostHTTPTimeout and load-balancing
 * groups. curl is the client where a real tool can show it, a raw socket where exact bytes matter.
 */
class HttpVhostRequestTest extends HttpVhostCase {

    @Test
    void basicAuthIsAskedForAndChecked() throws Exception {
        f = fixture();
        HttpEchoBackend b = f.backend("secret");
        f.clientUp(ProxyBuilder.http("secret", "127.0.0.1", b.port(), "auth.test").basicAuth("admin", "s3cret").build());

        HttpVhostFixture.Response none = f.curl("auth.test", "/");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers()).containsEntry("www-authenticate", "Basic realm=\"Restricted\"");
        assertThat(f.curl("auth.test", "/", "-u", "admin:wrong").status()).isEqualTo(401);
        assertThat(f.curl("auth.test", "/", "-u", "other:s3cret").status()).isEqualTo(401);
        assertThat(b.seen).as("refused requests never reach the service").isEmpty();

        HttpVhostFixture.Response ok = f.curl("auth.test", "/private", "-u", "admin:s3cret");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.echo()).containsEntry("uri", "/private");
    }

    @Test
    void headerRulesAndForwardingHeadersAreApplied() throws Exception {
        f = fixture();
        HttpEchoBackend b = f.backend("hdr");
        f.clientUp(ProxyBuilder.http("hdr", "127.0.0.1", b.port(), "hdr.test")
                .hostHeaderRewrite("internal.local")
                .requestHeaders(Map.of("X-From-Where", "jfrp", "User-Agent", "rewritten"))
                .responseHeaders(Map.of("X-Served-By", "vhost", "Cache-Control", "no-cache"))
                .build());

        HttpVhostFixture.Response r = f.curl("hdr.test", "/h", "-H", "X-Forwarded-For: 10.1.2.3",
                "-H", "X-Custom: kept", "-H", "Proxy-Connection: keep-alive");
        Map<String, String> echo = r.echo();
        assertThat(echo).containsEntry("h-host", "internal.local")
                .containsEntry("h-x-from-where", "jfrp")
                .containsEntry("h-user-agent", "rewritten")
                .containsEntry("h-x-custom", "kept")
                .containsEntry("h-x-forwarded-for", "10.1.2.3, 127.0.0.1")
                .containsEntry("h-x-forwarded-host", "hdr.test:" + f.httpPort)
                .containsEntry("h-x-forwarded-proto", "http")
                .containsEntry("h-x-real-ip", "127.0.0.1")
                .doesNotContainKey("h-proxy-connection");
        assertThat(r.headers()).containsEntry("x-served-by", "vhost").containsEntry("cache-control", "no-cache")
                .containsEntry("x-backend", "hdr");
    }

    @Test
    void requestBodiesArriveIntactFixedAndChunked() throws Exception {
        f = fixture();
        HttpEchoBackend b = f.backend("body");
        f.clientUp(ProxyBuilder.http("body", "127.0.0.1", b.port(), "body.test").build());
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(data);
        Path file = Files.write(dir.resolve("upload.bin"), data);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));

        Map<String, String> fixed = f.curl("body.test", "/up", "--data-binary", "@" + file).echo();
        assertThat(fixed).containsEntry("method", "POST").containsEntry("body-bytes", String.valueOf(data.length))
                .containsEntry("body-sha256", sha);
        Map<String, String> chunked = f.curl("body.test", "/up", "-H", "Transfer-Encoding: chunked",
                "--data-binary", "@" + file).echo();
        assertThat(chunked).containsEntry("body-bytes", String.valueOf(data.length)).containsEntry("body-sha256", sha);
        // HTTP/2 cleartext (prior knowledge) with a body; the service still gets HTTP/1.1.
        HttpVhostFixture.Response h2 = f.curl("body.test", "/h2?x=1", "--http2-prior-knowledge",
                "--data-binary", "@" + file);
        assertThat(h2.httpVersion()).isEqualTo("HTTP/2");
        assertThat(h2.echo()).containsEntry("uri", "/h2?x=1").containsEntry("body-sha256", sha)
                .containsEntry("h-host", "body.test:" + f.httpPort);
        assertThat(h2.echo().keySet()).noneMatch(k -> k.startsWith("h-x-http2"));
    }

    @Test
    void largeChunkedAndHeadResponsesComeBackWhole() throws Exception {
        f = fixture();
        byte[] big = new byte[6 * 1024 * 1024 + 3];
        new Random(11).nextBytes(big);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big));
        HttpEchoBackend b = f.backend("files").serve("/big.bin", "application/octet-stream", big)
                .serve("/chunked/big.bin", "application/octet-stream", big);
        f.clientUp(ProxyBuilder.http("files", "127.0.0.1", b.port(), "files.test").wrapping(true, false).build());
        for (String path : List.of("/big.bin", "/chunked/big.bin")) {
            for (String version : List.of("--http1.1", "--http2-prior-knowledge")) {
                Path out = dir.resolve("download.bin");
                Files.deleteIfExists(out);
                RequiredTools.requireOnPath("curl");
                var run = ExternalCommand.run(Duration.ofSeconds(60), List.of("curl", "-sS", version, "-o", out.toString(),
                        "-w", "%{http_code} %{http_version}", "--resolve", "files.test:" + f.httpPort + ":127.0.0.1",
                        "http://files.test:" + f.httpPort + path));
                assertThat(run.exitCode()).as(run.stderr()).isZero();
                assertThat(run.stdout()).startsWith("200 ");
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out))))
                        .as("%s %s", path, version).isEqualTo(sha);
            }
        }
        HttpVhostFixture.Response head = f.curl("files.test", "/big.bin", "-I");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        // The connection survives a HEAD: a GET right after it on the same connection.
        try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("HEAD /x HTTP/1.1\r\nHost: files.test\r\n\r\n"
                    + "GET /y HTTP/1.1\r\nHost: files.test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String h = readHead(in);
            assertThat(h).startsWith("HTTP/1.1 200");
            assertThat(readResponse(in)).contains("uri: /y");
        }
    }

    @Test
    void http2PriorKnowledgeRoutesEveryStreamByItsAuthority() throws Exception {
        f = fixture();
        HttpEchoBackend a = f.backend("a");
        HttpEchoBackend b = f.backend("b");
        f.clientUp(ProxyBuilder.http("a", "127.0.0.1", a.port(), "a.test").build(),
                ProxyBuilder.http("b", "127.0.0.1", b.port(), "a.test")
                        .locations(List.of("/b")).responseHeaders(Map.of("X-B", "yes")).build());
        // (Several URLs on one prior-knowledge connection break curl 7.88 itself, nginx or not: one each.)
        HttpVhostFixture.Response one = f.curl("a.test", "/one", "--http2-prior-knowledge");
        assertThat(one.httpVersion()).isEqualTo("HTTP/2");
        assertThat(one.echo()).containsEntry("backend", "a").containsEntry("uri", "/one");
        HttpVhostFixture.Response r = f.curl("a.test", "/b/x", "--http2-prior-knowledge");
        assertThat(r.echo()).containsEntry("backend", "b").containsEntry("uri", "/b/x");
        assertThat(r.headers()).containsEntry("x-b", "yes");
        HttpVhostFixture.Response missing = f.curl("none.test", "/", "--http2-prior-knowledge");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.httpVersion()).isEqualTo("HTTP/2");
    }

    @Test
    void oneKeepAliveConnectionReachesTwoProxiesInTurnAndPipelined() throws Exception {
        TwoSites sites = twoSites();
        HttpEchoBackend a = sites.a();
        HttpEchoBackend b = sites.b();
        try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (String host : List.of("a.test", "b.test", "b.test", "a.test")) {
                out.write(("GET /seq HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readResponse(in)).contains("backend: " + host.charAt(0));
            }
            // Pipelined: three requests in one write; answers come back in order.
            out.write(("GET /p1 HTTP/1.1\r\nHost: b.test\r\n\r\n" + "GET /p2 HTTP/1.1\r\nHost: a.test\r\n\r\n"
                    + "GET /p3 HTTP/1.1\r\nHost: unknown.test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).contains("backend: b").contains("uri: /p1");
            assertThat(readResponse(in)).contains("backend: a").contains("uri: /p2");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 404");
            // Still open: one more.
            out.write("GET /last HTTP/1.1\r\nHost: a.test\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).contains("uri: /last").containsIgnoringCase("connection: close");
            assertThat(in.read()).as("closed after Connection: close").isEqualTo(-1);
        }
        assertThat(a.seen).extracting(HttpEchoBackend.Seen::uri).containsExactly("/seq", "/seq", "/p2", "/last");
        assertThat(b.seen).extracting(HttpEchoBackend.Seen::uri).containsExactly("/seq", "/seq", "/p1");
    }

    /**
     * Two clients are two sessions, on different loops of jfrps as a rule: the public connection
     * moves to the loop of each work connection it is served by (LoopMove), back and forth, with a
     * body that arrives in pieces around the move.
     */
    @Test
    void oneKeepAliveConnectionFollowsItsRequestsFromClientToClient() throws Exception {
        f = fixture();
        HttpEchoBackend a = f.backend("a");
        HttpEchoBackend b = f.backend("b");
        f.clientUp(ProxyBuilder.http("a", "127.0.0.1", a.port(), "a.test").build());
        f.clientUp(ProxyBuilder.http("b", "127.0.0.1", b.port(), "b.test").build());
        try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 6; i++) {
                String host = i % 2 == 0 ? "a.test" : "b.test";
                out.write(("POST /up" + i + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 10\r\n\r\n0123")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(20); // the rest of the body comes while the connection moves, or after
                out.write("456789".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readResponse(in)).contains("backend: " + host.charAt(0)).contains("uri: /up" + i)
                        .contains("body-bytes: 10");
            }
            out.write(("GET /p1 HTTP/1.1\r\nHost: b.test\r\n\r\n" + "GET /p2 HTTP/1.1\r\nHost: a.test\r\n\r\n"
                    + "GET /p3 HTTP/1.1\r\nHost: b.test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).contains("backend: b").contains("uri: /p1");
            assertThat(readResponse(in)).contains("backend: a").contains("uri: /p2");
            assertThat(readResponse(in)).contains("backend: b").contains("uri: /p3");
        }
        assertThat(a.seen).extracting(HttpEchoBackend.Seen::uri).containsExactly("/up0", "/up2", "/up4", "/p2");
        assertThat(b.seen).extracting(HttpEchoBackend.Seen::uri).containsExactly("/up1", "/up3", "/up5", "/p1", "/p3");
    }

    @Test
    void malformedRequestsGet400AndTheConnectionClosed() throws Exception {
        f = fixture();
        HttpEchoBackend a = f.backend("a");
        f.clientUp(ProxyBuilder.http("a", "127.0.0.1", a.port(), "a.test").build());
        for (String garbage : List.of("GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost a.test\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a.test\r\nContent-Length: -5\r\n\r\n",
                "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003")) {
            try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(garbage.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(answer).as("answer to %s", garbage).startsWith("HTTP/1.1 400 Bad Request")
                        .containsIgnoringCase("connection: close");
            }
        }
        // The vhost is unharmed.
        assertThat(f.curl("a.test", "/").status()).isEqualTo(200);
        assertThat(a.seen).hasSize(1);
    }

    @Test
    void aSlowServiceGets504AfterVhostHttpTimeout() throws Exception {
        f = fixture(v -> v.withHttpTimeout(Duration.ofMillis(700)));
        HttpEchoBackend slow = f.backend("slow");
        slow.delayMillis = 3000;
        f.clientUp(ProxyBuilder.http("slow", "127.0.0.1", slow.port(), "slow.test").build());
        long start = System.nanoTime();
        HttpVhostFixture.Response r = f.curl("slow.test", "/");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).isEqualTo(504);
        assertThat(millis).isLessThan(2500);
    }

    /** A raw "service": for each connection, reads what one read gets, then writes {@code answer} and hangs up. */
    private java.net.ServerSocket rawService(String answer) throws IOException {
        java.net.ServerSocket server = f.add(new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket c = server.accept()) {
                    c.getInputStream().read(new byte[4096]);
                    c.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    @Test
    void connectBecomesATunnelAfterTheServicesAnswerAndProxyAuthIsAsked() throws Exception {
        f = fixture();
        // A forward proxy as the local service: answers CONNECT with 200, then echoes.
        java.net.ServerSocket svc = f.add(new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
        List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            while (!svc.isClosed()) {
                try (Socket c = svc.accept()) {
                    heads.add(readHead(c.getInputStream()));
                    c.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    c.getInputStream().transferTo(c.getOutputStream());
                } catch (IOException e) {
                    // next
                }
            }
        });
        t.setDaemon(true);
        t.start();
        f.clientUp(ProxyBuilder.http("tunnel", "127.0.0.1", svc.getLocalPort(), "target.test").basicAuth("u", "p").build());
        String basic = java.util.Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));
        try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("CONNECT target.test:9443 HTTP/1.1\r\nHost: target.test:9443\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String refused = readResponse(s.getInputStream());
            assertThat(refused).startsWith("HTTP/1.1 407").containsIgnoringCase("proxy-authenticate: Basic");
            out.write(("CONNECT target.test:9443 HTTP/1.1\r\nHost: target.test:9443\r\nProxy-Authorization: Basic "
                    + basic + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 200");
            byte[] payload = "not HTTP at all\r\n\r\n\u0000\u0001".getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < 3; i++) {
                out.write(payload);
                out.flush();
                assertThat(s.getInputStream().readNBytes(payload.length)).isEqualTo(payload);
            }
        }
        assertThat(heads).hasSize(1);
        assertThat(heads.get(0)).startsWith("CONNECT target.test:9443 HTTP/1.1").doesNotContainIgnoringCase("proxy-authorization");
    }

    @Test
    void aCloseDelimitedResponseIsReframedSoTheConnectionGoesOn() throws Exception {
        f = fixture();
        java.net.ServerSocket old = rawService("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        f.clientUp(ProxyBuilder.http("old", "127.0.0.1", old.getLocalPort(), "old.test").build());
        try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
            s.setSoTimeout(10_000);
            for (int i = 0; i < 2; i++) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: old.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String head = readHead(s.getInputStream());
                assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
                // One chunk with the body, then the last chunk.
                String rest = new String(s.getInputStream().readNBytes("d\r\nuntil the end\r\n0\r\n\r\n".length()),
                        StandardCharsets.ISO_8859_1);
                assertThat(rest).isEqualTo("d\r\nuntil the end\r\n0\r\n\r\n");
            }
        }
    }

    @Test
    void pipelinedResponsesComeBackByteForBytePassedOrReencoded() throws Exception {
        f = fixture();
        // One kept work connection, answered in turn: a Content-Length response (passed as the
        // service's bytes, its Connection line dropped), a chunked one, a HEAD's, a 204 and a 304
        // (Netty's decoder and encoder), then a passed one again.
        java.net.ServerSocket svc = scriptedService(List.of(
                "HTTP/1.1 200 OK\r\nServer: t\r\nContent-Length: 5\r\nConnection: keep-alive\r\nX-Case: AbC\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n",
                "HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n",
                "HTTP/1.1 304 Not Modified\r\nETag: \"e\"\r\n\r\n",
                "HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nno!"));
        f.clientUp(ProxyBuilder.http("svc", "127.0.0.1", svc.getLocalPort(), "svc.test").build());
        String expected = "HTTP/1.1 200 OK\r\nServer: t\r\nContent-Length: 5\r\nX-Case: AbC\r\n\r\nhello"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nETag: \"e\"\r\n\r\n"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nno!";
        try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
            s.setSoTimeout(10_000);
            StringBuilder requests = new StringBuilder();
            for (String method : List.of("GET", "GET", "HEAD", "GET", "GET", "GET")) {
                requests.append(method).append(" / HTTP/1.1\r\nHost: svc.test\r\n\r\n");
            }
            s.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            String got = new String(s.getInputStream().readNBytes(expected.length()), StandardCharsets.ISO_8859_1);
            assertThat(got).isEqualTo(expected);
        }
    }

    @Test
    void aMalformedHeadFromTheServiceGetsFrps404AndTheConnectionCloses() throws Exception {
        f = fixture();
        java.net.ServerSocket bad = rawService("HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\nhello");
        f.clientUp(ProxyBuilder.http("bad", "127.0.0.1", bad.getLocalPort(), "bad.test").build());
        try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: bad.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 404").contains("was not found").doesNotContain("hello");
        }
    }

    @Test
    void requestHeadsReachTheServiceAsSentPlusFrpsForwardingLinesPassedOrReencoded() throws Exception {
        f = fixture();
        List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        java.net.ServerSocket svc = scriptedService(List.of(ok, ok, ok), heads);
        f.clientUp(ProxyBuilder.http("svc", "127.0.0.1", svc.getLocalPort(), "svc.test").build());
        String forwarded = "X-Forwarded-For: 127.0.0.1\r\nX-Forwarded-Host: svc.test\r\nX-Forwarded-Proto: http\r\n"
                + "X-Real-IP: 127.0.0.1\r\n\r\n";
        try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
            s.setSoTimeout(10_000);
            // A head the vhost passes as its bytes (odd spacing and case kept, Connection left out), one
            // it decodes (a forwarding header to append to), then a passed one again; one work connection.
            s.getOutputStream().write(("GET /a?x=1 HTTP/1.1\r\nHost: svc.test\r\nUser-Agent:  t \r\n"
                    + "Connection: keep-alive\r\nx-mixed: VaLuE\r\n\r\n"
                    + "GET /b HTTP/1.1\r\nHost: svc.test\r\nX-Forwarded-For: 10.0.0.1\r\nTE: trailers\r\n\r\n"
                    + "GET /c HTTP/1.1\r\nhost: svc.test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String got = new String(s.getInputStream().readNBytes(3 * ok.length()), StandardCharsets.ISO_8859_1);
            assertThat(got).isEqualTo(ok + ok + ok);
        }
        assertThat(heads).containsExactly(
                "GET /a?x=1 HTTP/1.1\r\nHost: svc.test\r\nUser-Agent:  t \r\nx-mixed: VaLuE\r\n" + forwarded,
                "GET /b HTTP/1.1\r\nHost: svc.test\r\nX-Forwarded-For: 10.0.0.1, 127.0.0.1\r\n"
                        + "X-Forwarded-Host: svc.test\r\nX-Forwarded-Proto: http\r\nX-Real-IP: 127.0.0.1\r\n\r\n",
                "GET /c HTTP/1.1\r\nhost: svc.test\r\n" + forwarded);
    }

    /** A service on one connection at a time that answers its requests (heads only) with {@code answers}, in turn. */
    private java.net.ServerSocket scriptedService(List<String> answers) throws IOException {
        return scriptedService(answers, new java.util.ArrayList<>());
    }

    /** As {@link #scriptedService(List)}, adding each request head it reads to {@code heads}. */
    private java.net.ServerSocket scriptedService(List<String> answers, List<String> heads) throws IOException {
        java.net.ServerSocket server = f.add(new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket c = server.accept()) {
                    for (String answer : answers) {
                        heads.add(readHead(c.getInputStream()));
                        c.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    }
                    c.getInputStream().read();
                } catch (IOException e) {
                    // the next connection, or closed
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    @Test
    void aServiceThatHangsUpGivesFrps404AndTheConnectionGoesOn() throws Exception {
        f = fixture();
        HttpEchoBackend good = f.backend("good");
        // A "service" that reads the request head and hangs up without a word.
        java.net.ServerSocket rude = rawService("");
        f.clientUp(ProxyBuilder.http("rude", "127.0.0.1", rude.getLocalPort(), "rude.test").build(),
                ProxyBuilder.http("good", "127.0.0.1", good.port(), "good.test").build());
        try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /a HTTP/1.1\r\nHost: rude.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // frp's reverse proxy answers every backend error but a timeout with its 404 page.
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 404").contains("was not found");
            out.write("GET /b HTTP/1.1\r\nHost: good.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200").contains("uri: /b");
        }
    }

    @Test
    void http10ClientsAreServedAndClosed() throws Exception {
        f = fixture();
        HttpEchoBackend a = f.backend("a");
        f.clientUp(ProxyBuilder.http("a", "127.0.0.1", a.port(), "a.test").build());
        try (Socket s = new Socket("127.0.0.1", f.httpPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /old HTTP/1.0\r\nHost: a.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.0 200").contains("uri: /old");
        }
    }

    @Test
    void aLoadBalancingGroupSpreadsRequestsOverItsClientsAndLosesOnlyTheOneThatLeaves() throws Exception {
        f = fixture();
        HttpEchoBackend one = f.backend("one");
        HttpEchoBackend two = f.backend("two");
        FrpClient c1 = f.clientUp(ProxyBuilder.http("web-1", "127.0.0.1", one.port(), "lb.test").loadBalancer("web", "key").build());
        FrpClient c2 = f.clientUp(ProxyBuilder.http("web-2", "127.0.0.1", two.port(), "lb.test").loadBalancer("web", "key").build());
        for (int i = 0; i < 10; i++) {
            assertThat(f.curl("lb.test", "/r" + i).status()).isEqualTo(200);
        }
        assertThat(one.seen).hasSize(5);
        assertThat(two.seen).hasSize(5);

        c1.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> f.server.clientCount() == 1);
        for (int i = 0; i < 4; i++) {
            assertThat(f.curl("lb.test", "/after" + i).echo()).containsEntry("backend", "two");
        }
        assertThat(c2.proxyResults().get("web-2").error()).isEmpty();
    }

    /** Reads a response head only (a HEAD request's answer). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed inside a response head: " + head);
            }
            head.write(c);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns head and body as text. */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed inside a response head: " + head);
            }
            head.write(c);
            matched = (c == '\r' || c == '\n') && "\r\n\r\n".charAt(matched) == c ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
