package io.jfrp.e2e.multi;

import io.jfrp.e2e.E2e;
import io.jfrp.testkit.RequiredTools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy (Debian's haproxy) in front of several jfrps, run in the foreground from a configuration
 * the test writes (the shape of docs/multi-server.md's example): a tcp frontend to every server's
 * remotePort and an http frontend to every server's vhostHTTPPort, health checks every
 * {@link #CHECK_INTER_MS} ms (jfrps' {@code /healthz} for tcp; a request through the vhost port for
 * http), down after two failures, and a stats page read as CSV.
 */
final class Haproxy implements AutoCloseable {
    /** Health-check interval; a server is down after 2 failed checks, up after 2 good ones. */
    static final int CHECK_INTER_MS = 500;

    /** One jfrps as HAProxy sees it. */
    record Backend(String name, JfrpsFile jfrps) {
    }

    private final Path config;
    private final int statsPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private Haproxy(Path config, int statsPort) {
        this.config = config;
        this.statsPort = statsPort;
    }

    /**
     * Writes the configuration and starts HAProxy.
     *
     * @param tcpRemotePort the tcp proxy's remotePort on every server (0: no tcp frontend)
     * @param httpHost      the http proxy's domain, checked through each server's vhost port (null: no http frontend)
     */
    static Haproxy start(Path dir, List<Backend> backends, int tcpFront, int tcpRemotePort, int httpFront,
                         String httpHost, int statsPort) throws IOException, InterruptedException {
        RequiredTools.requireOnPath("haproxy");
        StringBuilder c = new StringBuilder("""
                global
                    maxconn 2000
                defaults
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    timeout check 1s
                    # a connection refused by a dead server is tried once more, on another server
                    retries 2
                    option redispatch 1
                listen stats
                    mode http
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                """.formatted(statsPort));
        if (tcpRemotePort > 0) {
            c.append("frontend tcp_in\n    mode tcp\n    bind 127.0.0.1:").append(tcpFront)
                    .append("\n    default_backend jfrps_tcp\nbackend jfrps_tcp\n    mode tcp\n    balance roundrobin\n")
                    .append("    option httpchk GET /healthz\n");
            for (Backend b : backends) {
                // Alive = jfrps' web server answers /healthz.
                c.append("    server ").append(b.name()).append(' ').append(b.jfrps().proxyBindAddr()).append(':')
                        .append(tcpRemotePort).append(" check addr 127.0.0.1 port ").append(b.jfrps().webPort())
                        .append(" inter ").append(CHECK_INTER_MS).append(" fall 2 rise 2\n");
            }
        }
        if (httpHost != null) {
            c.append("frontend http_in\n    mode http\n    bind 127.0.0.1:").append(httpFront)
                    .append("\n    default_backend jfrps_http\nbackend jfrps_http\n    mode http\n    balance roundrobin\n")
                    .append("    option httpchk\n")
                    .append("    http-check send meth GET uri /health ver HTTP/1.1 hdr Host ").append(httpHost).append('\n')
                    .append("    http-check expect status 200\n")
                    .append("    retry-on conn-failure empty-response response-timeout 404\n");
            for (Backend b : backends) {
                c.append("    server ").append(b.name()).append(' ').append(b.jfrps().proxyBindAddr()).append(':')
                        .append(b.jfrps().vhostHttpPort()).append(" check inter ").append(CHECK_INTER_MS)
                        .append(" fall 2 rise 2\n");
            }
        }
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), c);
        Process check = new ProcessBuilder("haproxy", "-c", "-q", "-f", file.toString()).redirectErrorStream(true).start();
        String checkOut = new String(check.getInputStream().readAllBytes());
        if (check.waitFor() != 0) {
            throw new IOException("haproxy -c refused " + file + ": " + checkOut);
        }
        Haproxy h = new Haproxy(file, statsPort);
        h.process = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("haproxy.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!E2e.accepts("127.0.0.1", statsPort)) {
            if (!h.process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("haproxy did not start; see " + dir.resolve("haproxy.log"));
            }
            Thread.sleep(50);
        }
        return h;
    }

    Path config() {
        return config;
    }

    /**
     * The stats of one server of a backend: {@code status} (UP, DOWN, ...) and {@code stot} (sessions
     * so far), and the rest of HAProxy's CSV columns by name.
     */
    Map<String, String> server(String backend, String server) throws IOException, InterruptedException {
        String csv = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String[] lines = csv.split("\n");
        String[] header = lines[0].replaceFirst("^# ", "").split(",", -1);
        for (String line : lines) {
            String[] f = line.split(",", -1);
            if (f.length > 1 && f[0].equals(backend) && f[1].equals(server)) {
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.length && i < f.length; i++) {
                    m.put(header[i], f[i]);
                }
                return m;
            }
        }
        throw new IOException("no " + backend + "/" + server + " in HAProxy's stats");
    }

    /** The server's state in HAProxy: UP, DOWN, or a transition such as "UP 1/2". */
    String status(String backend, String server) throws IOException, InterruptedException {
        return server(backend, server).get("status");
    }

    long sessions(String backend, String server) throws IOException, InterruptedException {
        return Long.parseLong(server(backend, server).get("stot"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
