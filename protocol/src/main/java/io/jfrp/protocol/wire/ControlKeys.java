package io.jfrp.protocol.wire;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.Objects;

/**
 * The negotiated AEAD and its two keys for one control stream ({@link KeySchedule#controlKeys}).
 * Immutable: the arrays are copied in and out.
 */
public final class ControlKeys {
    /** Where the hello handlers leave the keys until the control stream switches to the AEAD. */
    static final AttributeKey<ControlKeys> ATTRIBUTE = AttributeKey.valueOf(ControlKeys.class, "negotiated");

    private final AeadAlgorithm algorithm;
    private final byte[] clientToServer;
    private final byte[] serverToClient;

    public ControlKeys(AeadAlgorithm algorithm, byte[] clientToServer, byte[] serverToClient) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (clientToServer.length != AeadAlgorithm.KEY_LENGTH || serverToClient.length != AeadAlgorithm.KEY_LENGTH) {
            throw new IllegalArgumentException("control keys are " + AeadAlgorithm.KEY_LENGTH + " bytes");
        }
        this.clientToServer = clientToServer.clone();
        this.serverToClient = serverToClient.clone();
    }

    /**
     * The keys negotiated on {@code channel} by the hello exchange and not yet taken by
     * {@link WirePipelines#encryptControlStream}, or {@code null}.
     */
    public static ControlKeys negotiatedOn(Channel channel) {
        return channel.attr(ATTRIBUTE).get();
    }

    /** The negotiated AEAD. */
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    /** The key of the client-to-server direction. */
    public byte[] clientToServer() {
        return clientToServer.clone();
    }

    /** The key of the server-to-client direction. */
    public byte[] serverToClient() {
        return serverToClient.clone();
    }

    /** The key {@code role} encrypts with. */
    public byte[] writeKey(WireRole role) {
        return role == WireRole.CLIENT ? clientToServer() : serverToClient();
    }

    /** The key {@code role} decrypts with. */
    public byte[] readKey(WireRole role) {
        return role == WireRole.CLIENT ? serverToClient() : clientToServer();
    }

    @Override
    public String toString() {
        return "ControlKeys[" + algorithm + "]";
    }
}
