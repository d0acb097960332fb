package io.jfrp.protocol.wire;

import io.jfrp.protocol.crypto.Digests;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The v2 key schedule: from the exact hello payloads and the shared secret to one AEAD key per
 * direction of the control stream.
 *
 * <h3>Transcript</h3>
 * <pre>
 *   SHA-256( "frp wire v2 crypto transcript"
 *            || 00 || "client hello" || 00 || u64be len(CH) || CH
 *            || 00 || "server hello" || 00 || u64be len(SH) || SH )
 * </pre>
 * CH and SH are the frame payloads exactly as sent and received. The randoms in them act only
 * through this hash.
 *
 * <h3>Keys</h3>
 * {@code HKDF-SHA256(IKM = secret, salt = transcript, info = "frp wire v2 control aead <algorithm>
 * <direction>", L = 32)}, with direction {@code client-to-server} or {@code server-to-client}. The
 * secret is the auth token's UTF-8 bytes (empty with OIDC and no token). No PBKDF2, no "frp" salt.
 */
public final class KeySchedule {
    static final String TRANSCRIPT_LABEL = "frp wire v2 crypto transcript";
    static final String INFO_PREFIX = "frp wire v2 control aead";

    /** The two directions of the control stream, named as in the HKDF info. */
    public enum Direction {
        CLIENT_TO_SERVER,
        SERVER_TO_CLIENT;

        /** The direction's words in the HKDF info. */
        public String label() {
            return this == CLIENT_TO_SERVER ? "client-to-server" : "server-to-client";
        }
    }

    private KeySchedule() {
    }

    /** The transcript hash of the two hello payloads. */
    public static byte[] transcript(byte[] clientHello, byte[] serverHello) {
        MessageDigest sha256 = Digests.required("SHA-256");
        sha256.update(TRANSCRIPT_LABEL.getBytes(StandardCharsets.US_ASCII));
        part(sha256, "client hello", clientHello);
        part(sha256, "server hello", serverHello);
        return sha256.digest();
    }

    private static void part(MessageDigest sha256, String label, byte[] payload) {
        sha256.update((byte) 0);
        sha256.update(label.getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        long length = payload.length;
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha256.update((byte) (length >>> shift));
        }
        sha256.update(payload);
    }

    /** The HKDF info string for an algorithm and direction. */
    static String info(AeadAlgorithm algorithm, Direction direction) {
        return INFO_PREFIX + " " + algorithm.wireName() + " " + direction.label();
    }

    /** One direction's 32-byte key. */
    public static byte[] deriveKey(byte[] secret, byte[] transcript, AeadAlgorithm algorithm, Direction direction) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, transcript,
                info(algorithm, direction).getBytes(StandardCharsets.US_ASCII)));
        byte[] key = new byte[AeadAlgorithm.KEY_LENGTH];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    /** Both directions' keys for a negotiated algorithm and the two hello payloads. */
    public static ControlKeys controlKeys(byte[] secret, AeadAlgorithm algorithm, byte[] clientHello,
                                         byte[] serverHello) {
        byte[] transcript = transcript(clientHello, serverHello);
        return new ControlKeys(algorithm, deriveKey(secret, transcript, algorithm, Direction.CLIENT_TO_SERVER),
                deriveKey(secret, transcript, algorithm, Direction.SERVER_TO_CLIENT));
    }
}
