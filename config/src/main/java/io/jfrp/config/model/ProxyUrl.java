package io.jfrp.config.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * frpc's {@code transport.proxyURL} (or the {@code http_proxy} environment variable): a proxy that
 * jfrpc reaches the server through, as frp reads it ({@code scheme://[user[:password]@]host:port}).
 *
 * <p>frp accepts http, https, socks5 and ntlm. jfrp implements the first three; ntlm:// is refused
 * by name (no kept-up Java library speaks NTLM on a raw CONNECT; see docs/transports.md).
 *
 * @param scheme   how the proxy is spoken to
 * @param host     the proxy's host name or address (an IPv6 address without brackets)
 * @param port     the proxy's port
 * @param user     the user name, empty for none (percent-decoded, as Go's url package does)
 * @param password the password, empty for none
 */
public record ProxyUrl(Scheme scheme, String host, int port, String user, String password) {
    /** The kinds of proxy jfrpc speaks to. */
    public enum Scheme {
        /** An HTTP proxy: CONNECT host:port, with basic Proxy-Authorization when a user is given. */
        HTTP,
        /** The same over TLS to the proxy (its certificate verified against the JVM's trusted CAs). */
        HTTPS,
        /** A SOCKS5 proxy (RFC 1928), with user/password authentication (RFC 1929) when a user is given. */
        SOCKS5
    }

    public ProxyUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Fields.port(port, "proxy port");
        user = Fields.text(user);
        password = Fields.text(password);
    }

    /**
     * Parses a proxy URL.
     *
     * @throws IllegalArgumentException saying what is wrong: not a URL, a scheme other than http, https
     *                                  or socks5 (naming it; ntlm with the reason), no host, no port
     */
    public static ProxyUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Scheme s = switch (scheme) {
            case "http" -> Scheme.HTTP;
            case "https" -> Scheme.HTTPS;
            case "socks5" -> Scheme.SOCKS5;
            case "ntlm" -> throw new IllegalArgumentException("proxy scheme 'ntlm' (in '" + url + "') is frp's, but"
                    + " jfrp does not speak NTLM to proxies; use http, https or socks5");
            case "" -> throw new IllegalArgumentException("'" + url + "' has no scheme; expected http://, https:// or"
                    + " socks5://");
            default -> throw new IllegalArgumentException("proxy scheme '" + scheme + "' (in '" + url + "') is not"
                    + " supported; expected http, https or socks5");
        };
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' names no proxy host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (uri.getPort() < 0) {
            throw new IllegalArgumentException("'" + url + "' names no proxy port (" + scheme + "://host:port)");
        }
        String user = "";
        String password = "";
        String info = uri.getUserInfo(); // percent-decoded
        if (info != null) {
            int colon = info.indexOf(':');
            user = colon < 0 ? info : info.substring(0, colon);
            password = colon < 0 ? "" : info.substring(colon + 1);
        }
        return new ProxyUrl(s, host, uri.getPort(), user, password);
    }

    /** Whether a user name is given (authentication toward the proxy). */
    public boolean hasCredentials() {
        return !user.isEmpty();
    }

    /** The proxy without its credentials, for logs. */
    @Override
    public String toString() {
        return scheme.name().toLowerCase(Locale.ROOT) + "://" + (user.isEmpty() ? "" : user + ":***@")
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
