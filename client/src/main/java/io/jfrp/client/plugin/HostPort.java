package io.jfrp.client.plugin;

/**
 * A {@code host:port} setting of a plugin ({@code localAddr}); IPv6 hosts in brackets.
 *
 * @param host the host or address, without brackets
 * @param port the port
 */
public record HostPort(String host, int port) {
    /**
     * @param key the setting's name, for the message
     * @throws IllegalArgumentException when {@code text} is empty or not host:port with a port 1..65535
     */
    public static HostPort parse(String text, String key) {
        int colon = text.lastIndexOf(':');
        if (text.isEmpty() || colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(key + " '" + text + "' must be host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + text + "': the port is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(key + " '" + text + "': the port must be 1..65535");
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
