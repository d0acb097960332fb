package io.jfrp.config.model;

import java.nio.file.Path;

/**
 * jfrpc's TLS toward the server: frp's {@code transport.tls} of frpc.
 *
 * @param enable                    transport.tls.enable (frp's default since 0.50: true)
 * @param certFile                  transport.tls.certFile (mutual TLS), or null
 * @param keyFile                   transport.tls.keyFile, or null
 * @param trustedCaFile             transport.tls.trustedCaFile: verify the server against it; null = the
 *                                  server is not verified (frp's behaviour)
 * @param serverName                transport.tls.serverName: SNI and the name verified; empty = serverAddr
 * @param disableCustomTLSFirstByte false = send frp's 0x17 byte before the ClientHello (frp before 0.50)
 */
public record ClientTlsConfig(boolean enable, Path certFile, Path keyFile, Path trustedCaFile, String serverName,
                              boolean disableCustomTLSFirstByte) {
    /** frp's default: TLS on, the server not verified, no 0x17 byte. */
    public static final ClientTlsConfig DEFAULT = new ClientTlsConfig(true, null, null, null, "", true);

    public ClientTlsConfig {
        serverName = Fields.text(serverName);
    }
}
