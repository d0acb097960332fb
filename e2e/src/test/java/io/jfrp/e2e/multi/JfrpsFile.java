package io.jfrp.e2e.multi;

import com.typesafe.config.ConfigFactory;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.model.ServerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The frps.toml of one jfrps of a several-server test: bindPort and the web server (for
 * {@code /healthz}) on 127.0.0.1, the public ports (and the http vhost port, when set) on an address
 * of its own in 127.0.0.0/8, so two servers on one machine can offer the same remotePort, as two
 * machines behind a load balancer would.
 */
record JfrpsFile(Path file, String proxyBindAddr, int bindPort, int vhostHttpPort, int webPort) {
    static JfrpsFile write(Path dir, String name, String token, String proxyBindAddr, int bindPort, int vhostHttpPort)
            throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        int webPort = io.jfrp.e2e.E2e.freePort();
        String toml = "bindAddr = \"127.0.0.1\"\n"
                + "bindPort = " + bindPort + "\n"
                + "proxyBindAddr = \"" + proxyBindAddr + "\"\n"
                + "auth.token = \"" + token + "\"\n"
                + (vhostHttpPort > 0 ? "vhostHTTPPort = " + vhostHttpPort + "\n" : "")
                + "webServer.addr = \"127.0.0.1\"\n"
                + "webServer.port = " + webPort + "\n"
                + "jfrp.selfSignedDir = \"" + d.resolve("tls") + "\"\n";
        Path file = Files.writeString(d.resolve("frps.toml"), toml);
        return new JfrpsFile(file, proxyBindAddr, bindPort, vhostHttpPort, webPort);
    }

    /** What jfrps runs with, read as {@code jfrps -c file} would. */
    ServerConfig config() throws IOException {
        return ConfigLoader.forServer(ConfigFactory.defaultReference()).load(file).serverConfig();
    }
}
