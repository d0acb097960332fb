package io.jfrp.server.web;

import io.jfrp.server.monitor.PrometheusMetrics;
import io.jfrp.server.monitor.ServerMonitor;
import io.jfrp.server.monitor.ServerStatistics;
import io.jfrp.web.Router;
import io.jfrp.web.WebRequest;
import io.jfrp.web.WebResponse;
import io.jfrp.web.WebServer;
import io.jfrp.web.WebServerConfig;
import io.jfrp.web.WebServerLimits;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * frps' web server: the dashboard API v1 and v2, {@code /metrics} when Prometheus is enabled, and
 * the dashboard, on {@link WebServer} (which adds {@code /healthz} and the basic auth), with
 * frp's routes (OPERATIONS.md sections 1 to 3).
 *
 * <h3>Routes besides the APIs</h3>
 * {@code /} answers 301 to {@code /static/} (the dashboard page); {@code /static/dashboard.css}
 * and {@code /static/dashboard.js} are its stylesheet and refresh script; {@code /favicon.ico} is
 * an SVG icon. Static answers are gzipped when the client accepts it, as frp's are.
 *
 * <p>Use {@link #start} from the server, or {@link #register} to add the routes to a web server
 * set up elsewhere.
 */
public final class DashboardServer {
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private DashboardServer() {
    }

    /**
     * Starts frps' web server on {@code config} (which must be enabled) with every route.
     *
     * @param serverInfo the configuration half of serverinfo; called per request, so it may change on reload
     * @param monitor    the server's monitor, created with the web server enabled
     */
    public static WebServer start(WebServerConfig config, Supplier<ServerInfo> serverInfo, ServerMonitor monitor)
            throws IOException {
        WebServer server = new WebServer(config, WebServerLimits.DEFAULTS);
        register(server.router(), serverInfo, monitor);
        try {
            return server.start();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Adds frps' routes to {@code router}. */
    public static void register(Router router, Supplier<ServerInfo> serverInfo, ServerMonitor monitor) {
        Objects.requireNonNull(serverInfo, "serverInfo");
        ServerStatistics stats = monitor.statistics().orElseThrow(() ->
                new IllegalArgumentException("the monitor was created without the web server: no statistics to serve"));
        PrometheusMetrics prometheus = monitor.prometheus().orElse(null);
        if (prometheus != null) {
            router.get("/metrics", r -> WebResponse.of(HttpResponseStatus.OK, PrometheusMetrics.CONTENT_TYPE,
                    prometheus.scrape().getBytes(StandardCharsets.UTF_8)));
        }
        DashboardSources sources = new DashboardSources(serverInfo, stats, monitor.clients());
        new DashboardApiV1(sources).register(router);
        new DashboardApiV2(sources).register(router);
        DashboardPage page = new DashboardPage(sources, prometheus != null);
        byte[] css = resource("dashboard.css");
        byte[] js = resource("dashboard.js");
        byte[] icon = resource("favicon.svg");
        router.get("/favicon.ico", r -> asset(r, "image/svg+xml", icon))
                .get("/static/dashboard.css", r -> asset(r, "text/css; charset=utf-8", css))
                .get("/static/dashboard.js", r -> asset(r, "text/javascript; charset=utf-8", js))
                .get("/static/", r -> asset(r, WebResponse.TEXT_HTML, page.render().getBytes(StandardCharsets.UTF_8))
                        .withHeader("Content-Security-Policy", CSP)
                        .withHeader("Cache-Control", "no-store"))
                .get("/", r -> WebResponse.redirect(HttpResponseStatus.MOVED_PERMANENTLY, "/static/"));
    }

    private static WebResponse asset(WebRequest r, String type, byte[] body) {
        String accept = r.header("Accept-Encoding");
        WebResponse response = accept != null && accept.contains("gzip")
                ? WebResponse.of(HttpResponseStatus.OK, type, gzip(body)).withHeader("Content-Encoding", "gzip")
                : WebResponse.of(HttpResponseStatus.OK, type, body);
        return response.withHeader("Vary", "Accept-Encoding").withHeader("X-Content-Type-Options", "nosniff");
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + DashboardServer.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
