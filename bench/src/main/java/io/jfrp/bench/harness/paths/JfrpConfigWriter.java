package io.jfrp.bench.harness.paths;

/**
 * Writes the frps.toml / frpc.toml (frp v1 TOML, jfrp's extra keys under {@code jfrp}) of a jfrp
 * path, so that the harness configures jfrp exactly as a user would. Pure text, unit-tested.
 */
public final class JfrpConfigWriter {
    private JfrpConfigWriter() {
    }

    /** Where jfrps listens and what it serves. */
    public record Server(String bindAddr, int bindPort, String token, int vhostHttpPort, String selfSignedDir) {
    }

    /** Where jfrpc connects and what it publishes. */
    public record Client(String serverAddr, int serverPort, String token, String proxyName, String localIp,
                         int localPort, int remotePort) {
    }

    /** jfrps's configuration for {@code mode}. */
    public static String server(JfrpMode mode, Server s) {
        StringBuilder b = new StringBuilder();
        b.append("# written by jfrp-bench for path ").append(mode.pathName()).append('\n');
        b.append("bindAddr = ").append(q(s.bindAddr())).append('\n');
        b.append("bindPort = ").append(s.bindPort()).append('\n');
        b.append("auth.token = ").append(q(s.token())).append('\n');
        b.append("log.level = \"warn\"\n");
        b.append("transport.tcpMux = ").append(mode.tcpMux()).append('\n');
        b.append("transport.maxPoolCount = ").append(Math.max(5, mode.poolCount())).append('\n');
        if (mode.vhostHttp()) {
            b.append("vhostHTTPPort = ").append(s.vhostHttpPort()).append('\n');
        }
        b.append("jfrp.selfSignedDir = ").append(q(s.selfSignedDir())).append('\n');
        appendMux(b, mode);
        return b.toString();
    }

    /** jfrpc's configuration for {@code mode}: one proxy. */
    public static String client(JfrpMode mode, Client c) {
        StringBuilder b = new StringBuilder();
        b.append("# written by jfrp-bench for path ").append(mode.pathName()).append('\n');
        b.append("serverAddr = ").append(q(c.serverAddr())).append('\n');
        b.append("serverPort = ").append(c.serverPort()).append('\n');
        b.append("auth.token = ").append(q(c.token())).append('\n');
        b.append("loginFailExit = true\n");
        b.append("log.level = \"warn\"\n");
        b.append("transport.tcpMux = ").append(mode.tcpMux()).append('\n');
        b.append("transport.tls.enable = ").append(mode.tls()).append('\n');
        b.append("transport.poolCount = ").append(mode.poolCount()).append('\n');
        appendMux(b, mode);
        b.append('\n').append("[[proxies]]\n");
        b.append("name = ").append(q(c.proxyName())).append('\n');
        b.append("type = ").append(q(mode.vhostHttp() ? "http" : "tcp")).append('\n');
        b.append("localIP = ").append(q(c.localIp())).append('\n');
        b.append("localPort = ").append(c.localPort()).append('\n');
        if (mode.vhostHttp()) {
            b.append("customDomains = [").append(q(JfrpMode.VHOST_DOMAIN)).append("]\n");
        } else {
            b.append("remotePort = ").append(c.remotePort()).append('\n');
        }
        return b.toString();
    }

    private static void appendMux(StringBuilder b, JfrpMode mode) {
        if (!mode.autoTuning()) {
            // mux reference.conf: off keeps every stream's receive window at yamux's 256 KiB
            b.append("jfrp.mux.window-auto-tuning = \"off\"\n");
        }
    }

    /** A TOML basic string. */
    static String q(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
