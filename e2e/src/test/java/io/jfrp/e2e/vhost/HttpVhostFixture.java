package io.jfrp.e2e.vhost;

import io.jfrp.client.ClientOptions;
import io.jfrp.client.FrpClient;
import io.jfrp.client.ProxyOptions;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import io.jfrp.server.ServerOptions;
import io.jfrp.server.VhostOptions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A jfrps with its http vhost on a free port (subDomainHost {@code example.test}) and the jfrpc
 * clients, local services and external tools (curl, chromium) of one http vhost test; closes them
 * all, last first.
 */
final class HttpVhostFixture implements AutoCloseable {
    static final String TOKEN = "vhost-token";
    static final String SUBDOMAIN_HOST = "example.test";

    final FrpServer server;
    final int httpPort;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    HttpVhostFixture(Path dir, UnaryOperator<VhostOptions> vhost) throws Exception {
        this.httpPort = freePort();
        VhostOptions v = vhost.apply(VhostOptions.OFF.withHttpPort(httpPort).withSubDomainHost(SUBDOMAIN_HOST));
        this.server = new FrpServer(ServerOptions.loopback(TOKEN, dir.resolve("tls")).withVhost(v)).start();
        closeables.add(server);
    }

    HttpVhostFixture(Path dir) throws Exception {
        this(dir, v -> v);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    <T extends AutoCloseable> T add(T c) {
        closeables.add(c);
        return c;
    }

    HttpEchoBackend backend(String name) throws IOException {
        return add(new HttpEchoBackend(name));
    }

    /** A started client with {@code proxies}; returns once the server answered each of them. */
    FrpClient client(ProxyOptions... proxies) throws Exception {
        FrpClient client = add(new FrpClient(ClientOptions.loopback(server.address().getPort(), TOKEN,
                List.of(proxies))));
        client.start().get(10, TimeUnit.SECONDS);
        for (ProxyOptions p : proxies) {
            response(client, p.name());
        }
        return client;
    }

    /** A client whose proxies must all be accepted. */
    FrpClient clientUp(ProxyOptions... proxies) throws Exception {
        FrpClient client = client(proxies);
        for (ProxyOptions p : proxies) {
            assertThat(response(client, p.name()).error()).as("NewProxyResp error of [%s]", p.name()).isEmpty();
        }
        return client;
    }

    static NewProxyResp response(FrpClient client, String proxy) {
        await().atMost(Duration.ofSeconds(10)).until(() -> client.proxyResults().containsKey(proxy));
        return client.proxyResults().get(proxy);
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    // ---- external tools ------------------------------------------------------------------------

    /**
     * Skips the test when {@code tool} is not installed, except in CI (env CI=true), where .ci/run
     * installs it and its absence is a failure.
     */
    static void requireTool(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        String reason = tool + " is not installed (scripts/install-test-deps.sh installs it)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(reason);
        }
        Assumptions.abort(reason);
    }

    /** What a tool printed and how it exited. */
    record Run(int exit, String out, String err) {
    }

    /** Runs a command to its end (at most {@code timeout}), collecting both outputs. */
    static Run run(Duration timeout, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("timed out after " + timeout + ": " + command + "\n"
                    + new String(err.getNow(new byte[0]), StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8),
                new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** A response as curl -i printed it: status, headers (lower-case names, last wins), body. */
    record Response(String httpVersion, int status, Map<String, String> headers, String body) {
        Map<String, String> echo() {
            return HttpEchoBackend.parse(body);
        }
    }

    /**
     * {@code curl -sS -i http://host:port/path} with {@code host} resolved to 127.0.0.1 (curl's
     * --resolve: the Host header is the name), plus {@code extra} arguments.
     */
    Response curl(String host, String path, String... extra) throws Exception {
        requireTool("curl");
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-i", "--max-time", "20",
                "--resolve", host + ":" + httpPort + ":127.0.0.1"));
        cmd.addAll(Arrays.asList(extra));
        cmd.add("http://" + host + ":" + httpPort + path);
        Run r = run(Duration.ofSeconds(30), cmd);
        assertThat(r.exit()).as("curl %s: %s", cmd, r.err()).isZero();
        return parseResponse(r.out());
    }

    /** The last response in curl -i output (interim 1xx responses come first). */
    static Response parseResponse(String out) {
        String rest = out;
        while (true) {
            int end = rest.indexOf("\r\n\r\n");
            assertThat(end).as("a response head in %s", out).isPositive();
            String head = rest.substring(0, end);
            String body = rest.substring(end + 4);
            String[] lines = head.split("\r\n");
            String[] status = lines[0].split(" ");
            int code = Integer.parseInt(status[1]);
            if (code >= 100 && code < 200 && body.startsWith("HTTP/")) {
                rest = body;
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            return new Response(status[0], code, headers, body);
        }
    }
}
