package io.jfrp.config.model;

import java.nio.file.Path;

/**
 * jfrps' TLS: frp's {@code transport.tls} of frps, and where the self-signed certificate is kept.
 *
 * @param force         transport.tls.force: refuse plain connections (implied by trustedCaFile, as in frp)
 * @param certFile      transport.tls.certFile, or null for the self-signed certificate
 * @param keyFile       transport.tls.keyFile, or null
 * @param trustedCaFile transport.tls.trustedCaFile: clients must present a certificate of this CA; or null
 * @param selfSignedDir jfrp.selfSignedDir: where the self-signed certificate is made on first start and
 *                      kept (by default {@code .jfrps-tls} next to the configuration file); null: made
 *                      at start and kept in memory only (jfrps run with flags and no file, as frps)
 */
public record ServerTlsConfig(boolean force, Path certFile, Path keyFile, Path trustedCaFile, Path selfSignedDir) {
    public ServerTlsConfig {
        force = force || trustedCaFile != null;
    }
}
