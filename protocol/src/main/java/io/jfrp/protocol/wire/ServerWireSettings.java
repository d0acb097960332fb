package io.jfrp.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a server needs to accept wire protocol v2 next to v1 ({@link WirePipelines#addServerDetection}).
 * Immutable.
 *
 * @param secret                 the key schedule's input keying material: the auth token's UTF-8 bytes
 *                               (empty with OIDC and no token); copied
 * @param algorithms             the AEADs this server accepts (stock: both); it selects the first the
 *                               client offers among them
 * @param detectionTimeout       how long a new connection or stream may take to send its first 7 bytes
 *                               (stock: 10 s, the same deadline that covers the first message)
 * @param version                the version in the LoginResp that refuses a Login without a ClientHello
 * @param detailedErrorsToClient whether that LoginResp says why ("missing v2 crypto negotiation") or only
 *                               "register control error", as stock frps's {@code detailedErrorsToClient}
 */
public record ServerWireSettings(byte[] secret, Set<AeadAlgorithm> algorithms, Duration detectionTimeout,
                                 String version, boolean detailedErrorsToClient) {
    /** Stock frps's deadline for the magic and the first message. */
    public static final Duration DEFAULT_DETECTION_TIMEOUT = Duration.ofSeconds(10);

    public ServerWireSettings {
        secret = secret.clone();
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("a v2 server must accept at least one AEAD");
        }
        algorithms = Set.copyOf(EnumSet.copyOf(algorithms));
        Objects.requireNonNull(detectionTimeout, "detectionTimeout");
        if (detectionTimeout.isNegative() || detectionTimeout.isZero()) {
            throw new IllegalArgumentException("detectionTimeout must be positive: " + detectionTimeout);
        }
        Objects.requireNonNull(version, "version");
    }

    /** Stock frps's behaviour for {@code token}: both AEADs, 10 s, detailed errors. */
    public static ServerWireSettings forToken(String token, String version) {
        return new ServerWireSettings(token.getBytes(StandardCharsets.UTF_8),
                EnumSet.allOf(AeadAlgorithm.class), DEFAULT_DETECTION_TIMEOUT, version, true);
    }

    /** These settings accepting only {@code accepted}. */
    public ServerWireSettings withAlgorithms(Set<AeadAlgorithm> accepted) {
        return new ServerWireSettings(secret, accepted, detectionTimeout, version, detailedErrorsToClient);
    }

    /** These settings with another detection deadline. */
    public ServerWireSettings withDetectionTimeout(Duration timeout) {
        return new ServerWireSettings(secret, algorithms, timeout, version, detailedErrorsToClient);
    }

    /** These settings with {@code detailedErrorsToClient} set. */
    public ServerWireSettings withDetailedErrorsToClient(boolean detailed) {
        return new ServerWireSettings(secret, algorithms, detectionTimeout, version, detailed);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "ServerWireSettings[algorithms=" + algorithms + ", detectionTimeout=" + detectionTimeout
                + ", version=" + version + ", detailedErrorsToClient=" + detailedErrorsToClient + "]";
    }
}
