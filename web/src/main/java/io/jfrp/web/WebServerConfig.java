package io.jfrp.web;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code webServer.*} keys of frps and frpc, as the configuration maps them (OPERATIONS.md
 * section 1): where the embedded HTTP server listens, its basic-auth credentials and its optional
 * TLS certificate.
 *
 * <p>{@code port} 0 means "no web server" (frp's default; on frps it also disables all metrics), so
 * a config without the section maps to {@link #DISABLED}. Empty {@code user} and {@code password}
 * mean no authentication, as in frp. {@code certFile} and {@code keyFile} are {@code
 * webServer.tls.certFile} and {@code webServer.tls.keyFile}: both set serve HTTPS, both empty
 * serve HTTP, one alone is an error naming the missing key.
 *
 * @param addr     the listen address (frp's default 127.0.0.1; empty listens on every address)
 * @param port     the listen port, 0 to disable
 * @param user     basic-auth user, empty for none
 * @param password basic-auth password, empty for none
 * @param certFile PEM certificate (chain) for HTTPS, empty for plain HTTP
 * @param keyFile  PEM private key for HTTPS, empty for plain HTTP
 */
public record WebServerConfig(String addr, int port, String user, String password, String certFile, String keyFile) {

    /** frp's default listen address for both programs. */
    public static final String DEFAULT_ADDR = "127.0.0.1";

    /** No web server: {@code webServer.port} unset. */
    public static final WebServerConfig DISABLED = new WebServerConfig(DEFAULT_ADDR, 0, "", "", "", "");

    public WebServerConfig {
        addr = Objects.requireNonNullElse(addr, "");
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
        certFile = Objects.requireNonNullElse(certFile, "");
        keyFile = Objects.requireNonNullElse(keyFile, "");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("webServer.port must be between 0 and 65535, got " + port);
        }
        if (certFile.isEmpty() != keyFile.isEmpty()) {
            throw new IllegalArgumentException(certFile.isEmpty()
                    ? "webServer.tls.keyFile is set but webServer.tls.certFile is empty"
                    : "webServer.tls.certFile is set but webServer.tls.keyFile is empty");
        }
    }

    /** Plain HTTP on {@code addr:port}, without authentication. */
    public static WebServerConfig plain(String addr, int port) {
        return new WebServerConfig(addr, port, "", "", "", "");
    }

    /** A copy with basic-auth credentials. */
    public WebServerConfig withCredentials(String user, String password) {
        return new WebServerConfig(addr, port, user, password, certFile, keyFile);
    }

    /** A copy serving HTTPS with these PEM files. */
    public WebServerConfig withTls(Path certFile, Path keyFile) {
        return new WebServerConfig(addr, port, user, password, certFile.toString(), keyFile.toString());
    }

    /** Whether a web server runs at all ({@code port} is not 0). */
    public boolean enabled() {
        return port != 0;
    }

    /** Whether requests must carry the basic-auth credentials (user or password set). */
    public boolean authRequired() {
        return !user.isEmpty() || !password.isEmpty();
    }

    /** The certificate and key files when HTTPS is configured. */
    public Optional<TlsFiles> tls() {
        return certFile.isEmpty() ? Optional.empty() : Optional.of(new TlsFiles(Path.of(certFile), Path.of(keyFile)));
    }

    /** {@code webServer.tls.certFile} and {@code webServer.tls.keyFile}. */
    public record TlsFiles(Path certFile, Path keyFile) {
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "WebServerConfig[addr=" + addr + ", port=" + port + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "***") + ", certFile=" + certFile + ", keyFile=" + keyFile + "]";
    }
}
