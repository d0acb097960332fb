package io.jfrp.config.model;

/**
 * The {@code webServer.*} keys of frps and frpc (OPERATIONS.md section 1): where the embedded HTTP
 * server listens (jfrps: dashboard API, /metrics, dashboard; jfrpc: admin API), its basic-auth
 * credentials and its optional TLS certificate. The programs hand it to the web module's
 * {@code WebServerConfig}.
 *
 * @param addr     listen address (frp's default 127.0.0.1)
 * @param port     listen port; 0 (frp's default) = no web server, and on jfrps no statistics or metrics
 * @param user     basic-auth user; user and password both empty = no authentication
 * @param password basic-auth password
 * @param certFile {@code webServer.tls.certFile}: PEM certificate (chain) for HTTPS, empty for HTTP
 * @param keyFile  {@code webServer.tls.keyFile}: its private key (PEM)
 */
public record WebServerSettings(String addr, int port, String user, String password, String certFile,
                                String keyFile) {
    /** frp's default listen address for both programs. */
    public static final String DEFAULT_ADDR = "127.0.0.1";
    /** No web server: {@code webServer.port} not set. */
    public static final WebServerSettings DISABLED = new WebServerSettings(DEFAULT_ADDR, 0, "", "", "", "");

    public WebServerSettings {
        addr = addr == null || addr.isEmpty() ? DEFAULT_ADDR : addr;
        Fields.port(port, "webServer.port");
        user = Fields.text(user);
        password = Fields.text(password);
        certFile = Fields.text(certFile);
        keyFile = Fields.text(keyFile);
    }

    /** Plain HTTP on {@code addr:port} without authentication (tests, embedding). */
    public static WebServerSettings plain(String addr, int port) {
        return new WebServerSettings(addr, port, "", "", "", "");
    }

    /** A copy with basic-auth credentials. */
    public WebServerSettings withCredentials(String user, String password) {
        return new WebServerSettings(addr, port, user, password, certFile, keyFile);
    }

    /** Whether a web server runs ({@code port} is not 0). */
    public boolean enabled() {
        return port != 0;
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "WebServerSettings[addr=" + addr + ", port=" + port + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : "***") + ", certFile=" + certFile + ", keyFile=" + keyFile + "]";
    }

}
