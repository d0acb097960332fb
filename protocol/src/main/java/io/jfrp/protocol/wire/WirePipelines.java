package io.jfrp.protocol.wire;

import io.jfrp.classpath.OptionalJars;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.codec.MessageFrameDecoder;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.MessageType;
import io.netty.channel.ChannelPipeline;

import java.util.Set;

/**
 * Where wire protocol v2 goes into a pipeline: the entry points the server and client programs call,
 * in place of (or next to) {@link FrpPipelines#addMessageCodec} and
 * {@link FrpPipelines#encryptControlStream}. Every codec goes in under {@link FrpPipelines#FRAME_DECODER}
 * and {@link FrpPipelines#FRAME_ENCODER}, so {@link FrpPipelines#startRelay} and
 * {@link FrpPipelines#wrapBelowFraming} work on v1 and v2 connections alike (v2 leaves work and
 * visitor connections, and per-proxy wrapping, as v1 has them).
 *
 * <h3>Server</h3>
 * <ol>
 *   <li>Each new connection (tcpMux off) or stream (tcpMux on), after TLS/yamux:
 *   {@link #addServerDetection}, then the first-message handler as before. It receives Login,
 *   NewWorkConn or NewVisitorConn messages whichever the protocol; {@link WireProtocol#of} says
 *   which. A v2 ClientHello has been answered and a v2 Login without one refused before the first
 *   message arrives.</li>
 *   <li>After writing a successful LoginResp: {@link #encryptControlStream}(pipeline,
 *   {@link WireRole#SERVER}, tokenKey).</li>
 * </ol>
 *
 * <h3>Client</h3>
 * <ol>
 *   <li>Control connection or stream: {@link #addClientControlCodec}, then the control handler,
 *   which writes Login at once as before (v2: the magic and ClientHello go first by themselves).</li>
 *   <li>After reading a successful LoginResp: {@link #encryptControlStream}(pipeline,
 *   {@link WireRole#CLIENT}, tokenKey).</li>
 *   <li>Work and visitor connections: {@link #addClientConnectionCodec}, then the handler that writes
 *   NewWorkConn or NewVisitorConn.</li>
 * </ol>
 *
 * <p>All methods: event loop only (or before the channel is registered).
 */
public final class WirePipelines {
    /** The server's v1/v2 detector, until it has decided. */
    public static final String DETECTOR = "frp-wire-detector";
    /** The hello handler of either side, until the hellos are done. */
    public static final String HANDSHAKE = "frp-wire-handshake";
    /** The client's magic writer on work and visitor connections, until it has written. */
    public static final String MAGIC = "frp-wire-magic";
    /** The control stream's AEAD record decoder (v2, after LoginResp). */
    public static final String AEAD_DECODER = "frp-aead-decoder";
    /** The control stream's AEAD record encoder (v2, after LoginResp). */
    public static final String AEAD_ENCODER = "frp-aead-encoder";

    private WirePipelines() {
    }

    /**
     * Server: adds the detector that installs the v1 or v2 message codec (and the v2 hello handler) at
     * the end of the pipeline once the first 7 bytes are in.
     */
    public static void addServerDetection(ChannelPipeline pipeline, ServerWireSettings settings) {
        pipeline.addLast(DETECTOR, new WireProtocolDetector(settings));
    }

    /**
     * Client: the codec of the control connection or stream. For v2 also the hello handler, which
     * writes the magic and the ClientHello as soon as the channel is active and checks the ServerHello;
     * the first message read is then LoginResp.
     *
     * @param settings used for v2 only (may be null for v1)
     */
    public static void addClientControlCodec(ChannelPipeline pipeline, WireProtocol protocol,
                                             ClientWireSettings settings) {
        pipeline.channel().attr(WireProtocol.ATTRIBUTE).set(protocol);
        if (protocol == WireProtocol.V1) {
            FrpPipelines.addMessageCodec(pipeline);
            return;
        }
        pipeline.addLast(FrpPipelines.FRAME_DECODER,
                new WireFrameDecoder(WireFrameDecoder.Start.SERVER_HELLO, Set.of(MessageType.LOGIN_RESP)));
        pipeline.addLast(FrpPipelines.FRAME_ENCODER, WireFrameEncoder.INSTANCE);
        OptionalJars.require(); // Bouncy Castle: the v2 key schedule and XChaCha20-Poly1305
        pipeline.addLast(HANDSHAKE, new ClientHandshakeHandler(settings));
    }

    /**
     * Client: the codec of a work or visitor connection (or stream). For v2 the magic is written as
     * soon as the channel is active, before the first message; no hello, no AEAD.
     *
     * @param firstMessage the types the server's first message may have (work: StartWorkConn;
     *                     visitor: NewVisitorConnResp); empty for any. v2 only: v1's decoder takes any.
     */
    public static void addClientConnectionCodec(ChannelPipeline pipeline, WireProtocol protocol,
                                                Set<MessageType> firstMessage) {
        pipeline.channel().attr(WireProtocol.ATTRIBUTE).set(protocol);
        if (protocol == WireProtocol.V1) {
            FrpPipelines.addMessageCodec(pipeline);
            return;
        }
        pipeline.addLast(MAGIC, new MagicWriter());
        pipeline.addLast(FrpPipelines.FRAME_DECODER, new WireFrameDecoder(WireFrameDecoder.Start.MESSAGES,
                firstMessage));
        pipeline.addLast(FrpPipelines.FRAME_ENCODER, WireFrameEncoder.INSTANCE);
    }

    /**
     * Both sides, right after the successful LoginResp (server: after writing it; client: after
     * reading it): everything written from now on is encrypted, and everything read after the
     * LoginResp is decrypted, including bytes already buffered behind it.
     * <ul>
     *   <li>v1: AES-128-CFB keyed with {@code v1Key} ({@link FrpPipelines#encryptControlStream}).</li>
     *   <li>v2: the AEAD record stream with the keys the hellos negotiated, this side writing with its
     *   own direction's key; the keys are taken off the channel.</li>
     * </ul>
     *
     * @param v1Key the token's PBKDF2 key, used by v1 only
     * @throws IllegalStateException on a v2 channel without negotiated keys ("missing v2 crypto
     *                               negotiation"), or when no framing was set up on the channel (one
     *                               set up by {@link FrpPipelines#addMessageCodec} counts as v1)
     */
    public static void encryptControlStream(ChannelPipeline pipeline, WireRole role, CryptoKey v1Key) {
        WireProtocol protocol = WireProtocol.of(pipeline.channel());
        if (protocol == null && pipeline.get(FrpPipelines.FRAME_DECODER) instanceof MessageFrameDecoder) {
            protocol = WireProtocol.V1; // set up with FrpPipelines.addMessageCodec
        }
        if (protocol == null) {
            throw new IllegalStateException("no wire protocol set up on " + pipeline.channel() + " " + pipeline.names());
        }
        if (protocol == WireProtocol.V1) {
            FrpPipelines.encryptControlStream(pipeline, v1Key);
            return;
        }
        ControlKeys keys = pipeline.channel().attr(ControlKeys.ATTRIBUTE).getAndSet(null);
        if (keys == null) {
            throw new IllegalStateException(ServerHandshakeHandler.MISSING_NEGOTIATION);
        }
        AeadAlgorithm algorithm = keys.algorithm();
        FrpPipelines.insertBelowFraming(pipeline,
                AEAD_DECODER, new AeadRecordDecoder(algorithm, keys.readKey(role)),
                AEAD_ENCODER, new AeadRecordEncoder(algorithm, keys.writeKey(role)));
    }
}
