package io.jfrp.web;

import io.jfrp.certs.SelfSignedServerCertificate;
import io.jfrp.testkit.RequiredTools;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's conventions on a real port: healthz, basic auth, routing, JSON bodies, keep-alive, TLS. */
class WebServerTest {
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private WebServer start(WebServerConfig config) throws IOException {
        server = new WebServer(config, WebServerLimits.DEFAULTS);
        server.router()
                .get("/api/echo/{a}/{b}", r -> WebResponse.of(HttpResponseStatus.OK, WebResponse.TEXT_PLAIN,
                        (r.pathParam("a") + "|" + r.pathParam("b") + "|" + r.query("q") + "|" + r.hasQuery("e"))
                                .getBytes(StandardCharsets.UTF_8)))
                .get("/api/plain", JsonApi.plain(r -> Map.of("k", "v")))
                .get("/api/plain/empty", JsonApi.plain(r -> null))
                .get("/api/plain/missing", JsonApi.plain(r -> {
                    throw ApiError.notFound("no proxy info found");
                }))
                .get("/api/plain/boom", JsonApi.plain(r -> {
                    throw new IllegalStateException("client registry unavailable");
                }))
                .get("/api/v2/ok", JsonApi.v2(r -> List.of(1, 2)))
                .get("/api/v2/bad", JsonApi.v2(r -> {
                    throw ApiError.badRequest("page must be a positive integer");
                }))
                .delete("/api/proxies", JsonApi.plain(r -> new JsonApi.GeneralResponse(200, "success")))
                .post("/api/body", r -> WebResponse.of(HttpResponseStatus.OK, WebResponse.TEXT_PLAIN, r.body()))
                .get("/static/**", r -> WebResponse.html("static " + r.rawPath()))
                .get("/", r -> WebResponse.redirect(HttpResponseStatus.MOVED_PERMANENTLY, "/static/"));
        return server.startOnAnyPort();
    }

    private WebServer startWithAuth() throws IOException {
        return start(WebServerConfig.plain("127.0.0.1", 0).withCredentials("admin", "s3cret"));
    }

    @Test
    void anActionAfterTheResponseRunsOnceItIsWrittenEvenOneThatStopsTheServer() throws Exception {
        start(WebServerConfig.plain("127.0.0.1", 0));
        java.util.concurrent.CompletableFuture<Void> ran = new java.util.concurrent.CompletableFuture<>();
        server.router().post("/api/stop", r -> WebResponse.of(HttpResponseStatus.OK, WebResponse.TEXT_PLAIN,
                "bye".getBytes(StandardCharsets.UTF_8)).thenRun(() -> {
                    server.close();
                    ran.complete(null);
                }));
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Response r = c.send("POST /api/stop HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("bye");
        }
        ran.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", server.port()).close())
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void healthzAnswersEmpty200WithoutCredentials() throws Exception {
        startWithAuth();
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Response r = c.send(RawHttp.get("/healthz")).read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
            assertThat(r.header("content-length")).isEqualTo("0");
            assertThat(r.header("date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        }
    }

    @Test
    void missingOrWrongCredentialsWait200msThenGet401() throws Exception {
        startWithAuth();
        for (String auth : new String[]{null, RawHttp.basic("admin", "wrong"), RawHttp.basic("root", "s3cret"),
                "Authorization: Basic !!notbase64", "Authorization: Bearer s3cret"}) {
            try (RawHttp c = new RawHttp(server.port())) {
                long start = System.nanoTime();
                RawHttp.Response r = c.send(auth == null ? RawHttp.get("/api/plain") : RawHttp.get("/api/plain", auth)).read();
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(r.status()).as(String.valueOf(auth)).isEqualTo(401);
                assertThat(r.header("www-authenticate")).isEqualTo("Basic realm=\"Restricted\"");
                assertThat(r.text()).isEqualTo("Unauthorized\n");
                assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
                assertThat(elapsedMs).as("the failure delay").isGreaterThanOrEqualTo(190);
            }
        }
    }

    @Test
    void rightCredentialsPassAndTheSchemeIsCaseInsensitive() throws Exception {
        startWithAuth();
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Response r = c.send(RawHttp.get("/api/plain", RawHttp.basic("admin", "s3cret"))).read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("{\"k\":\"v\"}\n");
            assertThat(r.header("content-type")).isEqualTo("application/json");
            String lower = RawHttp.basic("admin", "s3cret").replace("Basic", "basic");
            assertThat(c.send(RawHttp.get("/api/plain", lower)).read().status()).isEqualTo(200);
        }
    }

    @Test
    void unknownPathsNeedCredentialsToo() throws Exception {
        startWithAuth();
        try (RawHttp c = new RawHttp(server.port())) {
            assertThat(c.send(RawHttp.get("/no/such/thing")).read().status()).isEqualTo(401);
            RawHttp.Response r = c.send(RawHttp.get("/no/such/thing", RawHttp.basic("admin", "s3cret"))).read();
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text()).isEqualTo("404 page not found\n");
        }
    }

    @Test
    void noCredentialsConfiguredMeansOpen() throws Exception {
        start(WebServerConfig.plain("127.0.0.1", 0));
        try (RawHttp c = new RawHttp(server.port())) {
            assertThat(c.send(RawHttp.get("/api/plain")).read().status()).isEqualTo(200);
        }
    }

    @Test
    void plainAndV2BodiesAreFrps() throws Exception {
        start(WebServerConfig.plain("127.0.0.1", 0));
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Response missing = c.send(RawHttp.get("/api/plain/missing")).read();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("{\"Code\":404,\"Msg\":\"no proxy info found\"}\n");
            assertThat(missing.header("content-type")).isEqualTo("application/json");

            RawHttp.Response boom = c.send(RawHttp.get("/api/plain/boom")).read();
            assertThat(boom.status()).isEqualTo(500);
            assertThat(boom.text()).isEqualTo("{\"Code\":500,\"Msg\":\"client registry unavailable\"}\n");

            RawHttp.Response empty = c.send(RawHttp.get("/api/plain/empty")).read();
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body()).isEmpty();

            RawHttp.Response ok = c.send(RawHttp.get("/api/v2/ok")).read();
            assertThat(ok.text()).isEqualTo("{\"code\":200,\"msg\":\"success\",\"data\":[1,2]}\n");
            RawHttp.Response bad = c.send(RawHttp.get("/api/v2/bad")).read();
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.text()).isEqualTo("{\"code\":400,\"msg\":\"page must be a positive integer\",\"data\":null}\n");

            RawHttp.Response deleted = c.send("DELETE /api/proxies?status=offline HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(deleted.text()).isEqualTo("{\"Code\":200,\"Msg\":\"success\"}\n");
        }
    }

    @Test
    void pathParametersAreUnescapedAndQueriesParsed() throws Exception {
        start(WebServerConfig.plain("127.0.0.1", 0));
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Response r = c.send(RawHttp.get("/api/echo/user.a%2Fb/x+y%20z?q=1%2B1&e")).read();
            assertThat(r.text()).isEqualTo("user.a/b|x+y z|1+1|true");
            assertThat(c.send(RawHttp.get("/api/echo/a/b")).read().text()).isEqualTo("a|b||false");
            RawHttp.Response broken = c.send(RawHttp.get("/api/echo/%zz/b")).read();
            assertThat(broken.status()).isEqualTo(500); // raw handler: the decoding error is the handler's to map
        }
    }

    @Test
    void routingOutcomes() throws Exception {
        start(WebServerConfig.plain("127.0.0.1", 0));
        try (RawHttp c = new RawHttp(server.port())) {
            assertThat(c.send("POST /api/plain HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").read().status()).isEqualTo(405);
            assertThat(c.send(RawHttp.get("/api/echo/a")).read().status()).isEqualTo(404);
            assertThat(c.send(RawHttp.get("/api/echo//b")).read().status()).isEqualTo(404);
            assertThat(c.send(RawHttp.get("/static")).read().status()).isEqualTo(404);
            assertThat(c.send(RawHttp.get("/static/")).read().text()).isEqualTo("static /static/");
            assertThat(c.send(RawHttp.get("/static/js/app.js")).read().text()).isEqualTo("static /static/js/app.js");
            RawHttp.Response root = c.send(RawHttp.get("/")).read();
            assertThat(root.status()).isEqualTo(301);
            assertThat(root.header("location")).isEqualTo("/static/");
        }
    }

    @Test
    void keepAliveServesManyRequestsAndPipelinedOnesInOrder() throws Exception {
        start(WebServerConfig.plain("127.0.0.1", 0));
        try (RawHttp c = new RawHttp(server.port())) {
            c.send(RawHttp.get("/api/echo/1/a") + RawHttp.get("/api/echo/2/b") + RawHttp.get("/api/echo/3/c"));
            assertThat(c.read().text()).isEqualTo("1|a||false");
            assertThat(c.read().text()).isEqualTo("2|b||false");
            assertThat(c.read().text()).isEqualTo("3|c||false");
            RawHttp.Response last = c.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.header("connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Response old = c.send("GET /healthz HTTP/1.0\r\n\r\n").read();
            assertThat(old.status()).isEqualTo(200);
            assertThat(c.closedByServer()).as("HTTP/1.0 without keep-alive closes").isTrue();
        }
    }

    @Test
    void bodiesReachHandlers() throws Exception {
        start(WebServerConfig.plain("127.0.0.1", 0));
        byte[] body = new byte[40_000];
        new java.util.Random(7).nextBytes(body);
        try (RawHttp c = new RawHttp(server.port())) {
            c.send("POST /api/body HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n").send(body);
            assertThat(c.read().body()).isEqualTo(body);
        }
    }

    @Test
    void tlsFromPemFilesWithCurl(@TempDir Path dir) throws Exception {
        RequiredTools.requireOnPath("curl");
        SelfSignedServerCertificate cert = SelfSignedServerCertificate.loadOrCreate(dir);
        start(WebServerConfig.plain("127.0.0.1", 0).withCredentials("admin", "s3cret")
                .withTls(cert.certificateFile(), cert.keyFile()));
        assertThat(server.tls()).isTrue();
        Process p = new ProcessBuilder("curl", "-sS", "-k", "-u", "admin:s3cret", "-w", "\n%{http_code} %{scheme}",
                "https://127.0.0.1:" + server.port() + "/api/v2/ok").redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("{\"code\":200,\"msg\":\"success\",\"data\":[1,2]}\n\n200 HTTPS");
    }

    @Test
    void configValidationNamesTheKey() {
        assertThatThrownBy(() -> new WebServerConfig("127.0.0.1", 7500, "", "", "a.crt", ""))
                .hasMessageContaining("webServer.tls.keyFile");
        assertThatThrownBy(() -> new WebServerConfig("127.0.0.1", 70000, "", "", "", ""))
                .hasMessageContaining("webServer.port");
        assertThat(WebServerConfig.DISABLED.enabled()).isFalse();
        assertThat(new WebServerConfig("", 7500, "u", "", "", "").authRequired()).isTrue();
        assertThat(new WebServerConfig("", 7500, "u", "secret", "", "").toString()).doesNotContain("secret");
        assertThatThrownBy(() -> new WebServer(WebServerConfig.DISABLED, WebServerLimits.DEFAULTS).start())
                .isInstanceOf(IllegalStateException.class);
    }
}
