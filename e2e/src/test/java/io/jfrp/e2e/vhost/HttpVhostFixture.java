package io.jfrp.e2e.vhost;

import io.jfrp.e2e.E2e;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.testkit.RequiredTools;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

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
    private final E2e.Closer closeables = new E2e.Closer();

    HttpVhostFixture(Path dir, UnaryOperator<VhostConfig> vhost) throws Exception {
        this.httpPort = E2e.freePort();
        VhostConfig v = vhost.apply(VhostConfig.OFF.withHttpPort(httpPort).withSubDomainHost(SUBDOMAIN_HOST));
        this.server = closeables.add(E2e.startServer(dir, TOKEN, c -> c.withVhost(v)));
    }

    <T extends AutoCloseable> T add(T c) {
        return closeables.add(c);
    }

    HttpEchoBackend backend(String name) throws IOException {
        return add(new HttpEchoBackend(name));
    }

    /** A started client with {@code proxies}; returns once the server answered each of them. */
    FrpClient client(ProxyConfig... proxies) throws Exception {
        FrpClient client = add(E2e.startClient(server.address().getPort(), TOKEN, List.of(proxies)));
        for (ProxyConfig p : proxies) {
            response(client, p.name());
        }
        return client;
    }

    /** A client whose proxies must all be accepted. */
    FrpClient clientUp(ProxyConfig... proxies) throws Exception {
        FrpClient client = client(proxies);
        for (ProxyConfig p : proxies) {
            assertThat(response(client, p.name()).error()).as("NewProxyResp error of [%s]", p.name()).isEmpty();
        }
        return client;
    }

    static NewProxyResp response(FrpClient client, String proxy) {
        return E2e.awaitProxy(client, proxy);
    }

    @Override
    public void close() throws Exception {
        closeables.close();
    }

    // ---- external tools ------------------------------------------------------------------------

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
        RequiredTools.requireOnPath("curl");
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-i", "--max-time", "20",
                "--resolve", host + ":" + httpPort + ":127.0.0.1"));
        cmd.addAll(Arrays.asList(extra));
        cmd.add("http://" + host + ":" + httpPort + path);
        ExternalCommand.Result r = ExternalCommand.run(Duration.ofSeconds(30), cmd);
        assertThat(r.exitCode()).as("curl %s: %s", cmd, r.stderr()).isZero();
        return parseResponse(r.stdout());
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
