package io.jfrp.bench.harness.paths;

/**
 * Writes stock frp's frps/frpc configuration in the format the installed version reads: frp v1 TOML
 * from 0.52.0 on (keys {@code transport.tcpMux}, {@code transport.tls.enable},
 * {@code transport.poolCount}), the legacy INI before it ({@code [common]} with {@code tcp_mux},
 * {@code tls_enable}, {@code pool_count}). Pure text, unit-tested (no stock frp on the build machine).
 */
public final class FrpConfigWriter {
    /** The first frp release that reads TOML. */
    public static final FrpVersion FIRST_TOML = new FrpVersion(0, 52, 0);

    private FrpConfigWriter() {
    }

    /** How a stock frp path is set up. */
    public record Mode(String pathName, boolean tcpMux, boolean tls, int poolCount) {
    }

    /** tcpMux + TLS: frp's defaults since 0.50 (TLS on by default). */
    public static final Mode MUX_TLS = new Mode("frp-mux-tls", true, true, 0);
    /** tcpMux off, TLS on, 5 pooled work connections: what jfrp-pool-tls is compared with. */
    public static final Mode POOL = new Mode("frp-pool", false, true, 5);

    /** Whether {@code version} reads TOML (else INI). */
    public static boolean usesToml(FrpVersion version) {
        return version.compareTo(FIRST_TOML) >= 0;
    }

    /** The file name frps/frpc is given: frps.toml or frps.ini (frp picks the format by content and name). */
    public static String fileName(String program, FrpVersion version) {
        return program + (usesToml(version) ? ".toml" : ".ini");
    }

    /** frps's configuration. */
    public static String server(FrpVersion version, Mode mode, String bindAddr, int bindPort, String token) {
        StringBuilder b = new StringBuilder();
        if (usesToml(version)) {
            b.append("# written by jfrp-bench for path ").append(mode.pathName()).append(", frp ").append(version)
                    .append('\n');
            b.append("bindAddr = ").append(JfrpConfigWriter.q(bindAddr)).append('\n');
            b.append("bindPort = ").append(bindPort).append('\n');
            b.append("auth.token = ").append(JfrpConfigWriter.q(token)).append('\n');
            b.append("log.level = \"warn\"\n");
            b.append("transport.tcpMux = ").append(mode.tcpMux()).append('\n');
            b.append("transport.maxPoolCount = ").append(Math.max(5, mode.poolCount())).append('\n');
        } else {
            b.append("# written by jfrp-bench for path ").append(mode.pathName()).append(", frp ").append(version)
                    .append('\n');
            b.append("[common]\n");
            b.append("bind_addr = ").append(bindAddr).append('\n');
            b.append("bind_port = ").append(bindPort).append('\n');
            b.append("token = ").append(token).append('\n');
            b.append("log_level = warn\n");
            b.append("tcp_mux = ").append(mode.tcpMux()).append('\n');
            b.append("max_pool_count = ").append(Math.max(5, mode.poolCount())).append('\n');
        }
        return b.toString();
    }

    /** frpc's configuration: one tcp proxy {@code bench} from remotePort to the service. */
    public static String client(FrpVersion version, Mode mode, String serverAddr, int serverPort, String token,
                                String localIp, int localPort, int remotePort) {
        StringBuilder b = new StringBuilder();
        b.append("# written by jfrp-bench for path ").append(mode.pathName()).append(", frp ").append(version)
                .append('\n');
        if (usesToml(version)) {
            b.append("serverAddr = ").append(JfrpConfigWriter.q(serverAddr)).append('\n');
            b.append("serverPort = ").append(serverPort).append('\n');
            b.append("auth.token = ").append(JfrpConfigWriter.q(token)).append('\n');
            b.append("loginFailExit = true\n");
            b.append("log.level = \"warn\"\n");
            b.append("transport.tcpMux = ").append(mode.tcpMux()).append('\n');
            b.append("transport.tls.enable = ").append(mode.tls()).append('\n');
            b.append("transport.poolCount = ").append(mode.poolCount()).append('\n');
            b.append('\n').append("[[proxies]]\n");
            b.append("name = \"bench\"\n");
            b.append("type = \"tcp\"\n");
            b.append("localIP = ").append(JfrpConfigWriter.q(localIp)).append('\n');
            b.append("localPort = ").append(localPort).append('\n');
            b.append("remotePort = ").append(remotePort).append('\n');
        } else {
            b.append("[common]\n");
            b.append("server_addr = ").append(serverAddr).append('\n');
            b.append("server_port = ").append(serverPort).append('\n');
            b.append("token = ").append(token).append('\n');
            b.append("login_fail_exit = true\n");
            b.append("log_level = warn\n");
            b.append("tcp_mux = ").append(mode.tcpMux()).append('\n');
            b.append("tls_enable = ").append(mode.tls()).append('\n');
            b.append("pool_count = ").append(mode.poolCount()).append('\n');
            b.append('\n').append("[bench]\n");
            b.append("type = tcp\n");
            b.append("local_ip = ").append(localIp).append('\n');
            b.append("local_port = ").append(localPort).append('\n');
            b.append("remote_port = ").append(remotePort).append('\n');
        }
        return b.toString();
    }
}
