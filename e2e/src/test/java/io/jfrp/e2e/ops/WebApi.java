package io.jfrp.e2e.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client of jfrps' and jfrpc's web APIs for the tests: basic auth, JSON, Prometheus samples. */
final class WebApi {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

    private final String base;
    private final String auth;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param base {@code http://host:port}; user and password for basic auth, null for none */
    WebApi(String base, String user, String password) {
        this.base = base;
        this.auth = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String base() {
        return base;
    }

    HttpResponse<String> call(String method, String path, String body, boolean withAuth) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (withAuth && auth != null) {
            b.header("Authorization", auth);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    HttpResponse<String> get(String path) throws IOException {
        return call("GET", path, null, true);
    }

    /** GET {@code path}; its JSON, which must have come with 200. */
    JsonNode json(String path) throws IOException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return MAPPER.readTree(r.body());
    }

    static JsonNode parse(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** The samples of a Prometheus text exposition: series (name and labels as written) to value. */
    static Map<String, Double> samples(String exposition) {
        Map<String, Double> s = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                s.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return s;
    }
}
