package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

import java.util.Map;

/**
 * A proxy's {@code plugin} table (frp's client plugins): connections are handled by a built-in
 * plugin instead of going to localIP:localPort. One record for every plugin type; the fields a type
 * does not use are empty (the schema says which keys belong to which {@code type}).
 *
 * @param type              http2https, http_proxy, https2http, https2https, http2http, socks5,
 *                          static_file, unix_domain_socket, tls2raw, virtual_net; empty = no plugin
 * @param localAddr         the local service (host:port) of the http/https/tls converters
 * @param hostHeaderRewrite the Host header sent to it
 * @param requestHeaders    {@code requestHeaders.set}: headers set on requests
 * @param enableHTTP2       https2http / https2https: offer HTTP/2 (frp: true)
 * @param crtPath           certificate (PEM) of the https and tls plugins
 * @param keyPath           its private key
 * @param httpUser          http_proxy / static_file: basic-auth user
 * @param httpPassword      its password
 * @param username          socks5 user
 * @param password          socks5 password
 * @param localPath         static_file: the directory served
 * @param stripPrefix       static_file: URL prefix removed
 * @param unixPath          unix_domain_socket: the socket
 */
public record ProxyPlugin(String type, String localAddr, String hostHeaderRewrite, Map<String, String> requestHeaders,
                          boolean enableHTTP2, String crtPath, String keyPath, String httpUser, String httpPassword,
                          String username, String password, String localPath, String stripPrefix, String unixPath) {
    /** No plugin. */
    public static final ProxyPlugin NONE = new ProxyPlugin("", "", "", Map.of(), true, "", "", "", "", "", "", "", "",
            "");

    public ProxyPlugin {
        type = Fields.text(type);
        localAddr = Fields.text(localAddr);
        hostHeaderRewrite = Fields.text(hostHeaderRewrite);
        requestHeaders = Fields.map(requestHeaders);
        crtPath = Fields.text(crtPath);
        keyPath = Fields.text(keyPath);
        httpUser = Fields.text(httpUser);
        httpPassword = Fields.text(httpPassword);
        username = Fields.text(username);
        password = Fields.text(password);
        localPath = Fields.text(localPath);
        stripPrefix = Fields.text(stripPrefix);
        unixPath = Fields.text(unixPath);
    }

    /** Whether a plugin is set. */
    public boolean isSet() {
        return !type.isEmpty();
    }
}
