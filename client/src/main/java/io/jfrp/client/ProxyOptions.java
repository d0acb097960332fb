package io.jfrp.client;

import java.util.Objects;

/**
 * One proxy of the client: a local service published on the server.
 *
 * @param name           the proxy's name
 * @param type           proxy type ({@code tcp})
 * @param localIp        localIP of the service
 * @param localPort      localPort of the service
 * @param remotePort     remotePort on the server (0: the server chooses)
 * @param useEncryption  transport.useEncryption: AES-128-CFB on work connections
 * @param useCompression transport.useCompression: snappy framing on work connections
 */
public record ProxyOptions(String name, String type, String localIp, int localPort, int remotePort,
                           boolean useEncryption, boolean useCompression) {
    public ProxyOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(localIp, "localIP");
    }

    /** A plain tcp proxy. */
    public static ProxyOptions tcp(String name, String localIp, int localPort, int remotePort) {
        return new ProxyOptions(name, "tcp", localIp, localPort, remotePort, false, false);
    }
}
