package io.jfrp.e2e;

import com.sun.net.httpserver.HttpServer;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyPlugin;
import io.jfrp.e2e.vhost.ExternalCommand;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * frp's client plugins end to end with the real clients a user would point at them: curl through
 * http_proxy ({@code -x}) and socks5 ({@code --socks5-hostname}), with and without credentials; curl for
 * static_file (401 without credentials, the file's bytes with them); an echo over a UNIX socket; curl -k
 * for https2http and openssl s_client for tls2raw. One jfrps and one jfrpc carry all of them as tcp
 * proxies, each on its own remote port.
 */
class ClientPluginsTest extends E2eCase {
    private static final String BODY = "hello from the backend";

    private HttpServer backend;
    private EchoService echo;
    private Path socket;
    private Path files;
    private final Map<String, Integer> ports = new java.util.HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        RequiredTools.requireOnPath("curl", "openssl");
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        backend.createContext("/", ex -> {
            byte[] b = (BODY + " " + ex.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        backend.start();
        closer.add(() -> backend.stop(0));
        echo = closer.add(new EchoService());
        socket = dir.resolve("echo.sock");
        closer.add(unixEcho(socket));
        files = Files.createDirectories(dir.resolve("www"));
        Files.write(files.resolve("data.bin"), E2e.seeded(300_000, 5));

        FrpServer server = server("secret", c -> c);
        List<ProxyConfig> proxies = new ArrayList<>();
        proxies.add(pluginProxy("hp", plugin("http_proxy", "", "", "", "u", "p", "", "", "", "")));
        proxies.add(pluginProxy("hpOpen", plugin("http_proxy", "", "", "", "", "", "", "", "", "")));
        proxies.add(pluginProxy("s5", plugin("socks5", "", "", "", "", "", "su", "sp", "", "")));
        proxies.add(pluginProxy("s5Open", plugin("socks5", "", "", "", "", "", "", "", "", "")));
        proxies.add(pluginProxy("files", plugin("static_file", "", "", "", "fu", "fp", "", "", files.toString(),
                "static")));
        proxies.add(pluginProxy("uds", new ProxyPlugin("unix_domain_socket", "", "", Map.of(), true, "", "", "", "",
                "", "", "", "", socket.toString())));
        String echoAddr = "127.0.0.1:" + echo.port();
        String httpAddr = "127.0.0.1:" + backend.getAddress().getPort();
        proxies.add(pluginProxy("raw", plugin("tls2raw", echoAddr, "", "", "", "", "", "", "", "")));
        proxies.add(pluginProxy("h2h", plugin("https2http", httpAddr, "", "", "", "", "", "", "", "")));
        FrpClient client = client(server.address().getPort(), "secret", proxies, c -> c);
        client.start().get(10, TimeUnit.SECONDS);
        for (ProxyConfig p : proxies) {
            E2e.awaitProxyUp(client, p.name(), ports.get(p.name()));
        }
    }

    private ProxyConfig pluginProxy(String name, ProxyPlugin plugin) throws IOException {
        int port = E2e.freePort();
        ports.put(name, port);
        return ProxyBuilder.tcp(name, "", 0, port).plugin(plugin).build();
    }

    private static ProxyPlugin plugin(String type, String localAddr, String crt, String key, String httpUser,
                                      String httpPassword, String user, String password, String localPath,
                                      String stripPrefix) {
        return new ProxyPlugin(type, localAddr, "", Map.of(), true, crt, key, httpUser, httpPassword, user, password,
                localPath, stripPrefix, "");
    }

    private String backendUrl() {
        return "http://127.0.0.1:" + backend.getAddress().getPort() + "/via";
    }

    private static ExternalCommand.Result curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10"));
        cmd.addAll(List.of(args));
        return ExternalCommand.run(Duration.ofSeconds(20), cmd);
    }

    @Test
    void httpProxyWithCredentialsForwardsAndRefusesWithout() throws Exception {
        String proxy = "http://127.0.0.1:" + ports.get("hp");
        curl("-x", proxy, "--proxy-user", "u:p", backendUrl()).assertPrinted(BODY + " /via");

        ExternalCommand.Result refused = curl("-o", "/dev/null", "-w", "%{http_code}", "-x", proxy, backendUrl());
        assertThat(refused.stdout()).as(refused.toString()).isEqualTo("407");
        ExternalCommand.Result wrong = curl("-o", "/dev/null", "-w", "%{http_code}", "-x", proxy,
                "--proxy-user", "u:wrong", backendUrl());
        assertThat(wrong.stdout()).as(wrong.toString()).isEqualTo("407");

        // CONNECT (what curl does for https, or with -p) through the same plugin
        curl("-p", "-x", proxy, "--proxy-user", "u:p", backendUrl()).assertPrinted(BODY + " /via");

        ExternalCommand.Result open = curl("-x", "http://127.0.0.1:" + ports.get("hpOpen"), backendUrl());
        assertThat(open.stdout()).as(open.toString()).isEqualTo(BODY + " /via");
    }

    @Test
    void socks5WithCredentialsForwardsAndRefusesWithout() throws Exception {
        curl("--socks5-hostname", "127.0.0.1:" + ports.get("s5"), "--proxy-user", "su:sp", backendUrl())
                .assertPrinted(BODY + " /via");

        ExternalCommand.Result without = curl("--socks5-hostname", "127.0.0.1:" + ports.get("s5"), backendUrl());
        assertThat(without.exitCode()).as(without.toString()).isNotZero();
        ExternalCommand.Result wrong = curl("--socks5-hostname", "127.0.0.1:" + ports.get("s5"), "--proxy-user",
                "su:nope", backendUrl());
        assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();

        curl("--socks5-hostname", "127.0.0.1:" + ports.get("s5Open"), backendUrl()).assertPrinted(BODY + " /via");
    }

    @Test
    void staticFileNeedsCredentialsAndServesTheFileBytes() throws Exception {
        String url = "http://127.0.0.1:" + ports.get("files") + "/static/data.bin";
        ExternalCommand.Result without = curl("-o", "/dev/null", "-w", "%{http_code}", url);
        assertThat(without.stdout()).as(without.toString()).isEqualTo("401");

        Path out = dir.resolve("got.bin");
        ExternalCommand.Result with = curl("-u", "fu:fp", "-o", out.toString(), "-w", "%{http_code}", url);
        assertThat(with.stdout()).as(with.toString()).isEqualTo("200");
        assertThat(E2e.sha256Hex(Files.readAllBytes(out)))
                .isEqualTo(E2e.sha256Hex(Files.readAllBytes(files.resolve("data.bin"))));

        ExternalCommand.Result missing = curl("-u", "fu:fp", "-o", "/dev/null", "-w", "%{http_code}",
                "http://127.0.0.1:" + ports.get("files") + "/static/none.bin");
        assertThat(missing.stdout()).as(missing.toString()).isEqualTo("404");
    }

    @Test
    void unixDomainSocketCarriesAnEchoIntact() throws Exception {
        E2e.assertEchoIntact(ports.get("uds"), 2 << 20, 11);
    }

    @Test
    void https2httpServesCurlOverTls() throws Exception {
        curl("-k", "https://127.0.0.1:" + ports.get("h2h") + "/tls").assertPrinted(BODY + " /tls");
        ExternalCommand.Result h2 = curl("-k", "--http2", "-o", "/dev/null", "-w", "%{http_version}",
                "https://127.0.0.1:" + ports.get("h2h") + "/tls");
        assertThat(h2.stdout()).as(h2.toString()).isEqualTo("2");
    }

    @Test
    void tls2rawEndsTlsForOpensslClient() throws Exception {
        Path input = dir.resolve("in.txt");
        Files.writeString(input, "ping-through-tls2raw\n");
        ProcessBuilder pb = new ProcessBuilder("openssl", "s_client", "-quiet", "-connect",
                "127.0.0.1:" + ports.get("raw")).redirectInput(input.toFile()).redirectErrorStream(false);
        Process p = pb.start();
        try {
            byte[] got = p.getInputStream().readNBytes("ping-through-tls2raw\n".length());
            assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("ping-through-tls2raw\n");
        } finally {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** An echo server on a UNIX socket, one thread per connection. */
    private static AutoCloseable unixEcho(Path path) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Thread acceptor = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel c = server.accept();
                    Thread t = new Thread(() -> {
                        try (c) {
                            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                            while (c.read(buf) >= 0) {
                                buf.flip();
                                while (buf.hasRemaining()) {
                                    c.write(buf);
                                }
                                buf.clear();
                            }
                            c.shutdownOutput();
                        } catch (IOException ignored) {
                            // the peer went away
                        }
                    }, "unix-echo");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "unix-echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server::close;
    }
}
