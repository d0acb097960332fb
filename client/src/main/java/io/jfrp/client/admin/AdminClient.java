package io.jfrp.client.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jfrp.config.model.WebServerSettings;
import io.jfrp.web.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What {@code jfrpc reload|status|stop} say to a running jfrpc's admin API (frp's client SDK): the
 * address, port and credentials of its {@code webServer} settings, plain HTTP as frpc's commands
 * use, every call bounded by the timeout. Any answer but 200 is an {@link IOException} with frp's
 * text {@code api status code [N]}.
 */
public final class AdminClient {
    private final String base;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    /** @param timeout {@code --api-timeout}: the bound of each call, connection included */
    public AdminClient(WebServerSettings web, Duration timeout) {
        String host = web.addr().contains(":") ? "[" + web.addr() + "]" : web.addr();
        this.base = "http://" + host + ":" + web.port();
        this.authorization = web.user().isEmpty() && web.password().isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString((web.user() + ":" + web.password())
                .getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** {@code GET /api/reload?strictConfig=…}. */
    public void reload(boolean strict) throws IOException, InterruptedException {
        send("GET", "/api/reload?strictConfig=" + strict);
    }

    /** {@code POST /api/stop}. */
    public void stop() throws IOException, InterruptedException {
        send("POST", "/api/stop");
    }

    /** {@code GET /api/status}: per type, each proxy's fields by name. */
    public Map<String, List<Map<String, String>>> status() throws IOException, InterruptedException {
        return Json.MAPPER.readValue(send("GET", "/api/status"), new TypeReference<>() {
        });
    }

    private String send(String method, String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("api status code [" + r.statusCode() + "]");
        }
        return r.body();
    }
}
