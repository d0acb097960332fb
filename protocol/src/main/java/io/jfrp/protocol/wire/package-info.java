/**
 * frp wire protocol v2 (stock frp 0.69 and later, opt-in with frpc's {@code transport.wireProtocol = "v2"}):
 * the 7-byte magic, {@code u16 type | u16 flags | u32 length} frames carrying the v1 messages' JSON under
 * u16 ids, the ClientHello/ServerHello negotiation, the HKDF-SHA256 key schedule, and the AEAD record
 * stream (aes-256-gcm or xchacha20-poly1305) that replaces v1's AES-128-CFB on the control stream.
 *
 * <h3>Layers</h3>
 * <ul>
 *   <li>Framing: {@link io.jfrp.protocol.wire.WireFrames} (layout), {@link io.jfrp.protocol.wire.WireFrameDecoder},
 *   {@link io.jfrp.protocol.wire.WireFrameEncoder}, {@link io.jfrp.protocol.wire.MessageIds}; errors are
 *   {@link io.jfrp.protocol.wire.WireFrameException}s.</li>
 *   <li>Hellos: {@link io.jfrp.protocol.wire.ClientHello}, {@link io.jfrp.protocol.wire.ServerHello},
 *   {@link io.jfrp.protocol.wire.HelloRandom} (their random bytes),
 *   {@link io.jfrp.protocol.wire.HelloJson}, {@link io.jfrp.protocol.wire.HelloNegotiation}.</li>
 *   <li>Keys: {@link io.jfrp.protocol.wire.KeySchedule}, {@link io.jfrp.protocol.wire.ControlKeys}.</li>
 *   <li>AEAD stream: {@link io.jfrp.protocol.wire.AeadAlgorithm}, {@link io.jfrp.protocol.wire.AeadRecordEncoder},
 *   {@link io.jfrp.protocol.wire.AeadRecordDecoder}; errors are {@link io.jfrp.protocol.wire.AeadStreamException}s.</li>
 *   <li>Pipelines: {@link io.jfrp.protocol.wire.WirePipelines} (the entry points for the server and client),
 *   {@link io.jfrp.protocol.wire.WireProtocolDetector} (server), and the hello handlers behind them
 *   ({@link io.jfrp.protocol.wire.WhenActive}, the base of those that speak first).</li>
 * </ul>
 * Work and visitor connections use v2 framing for their first messages only; per-proxy wrapping and
 * everything after stay as in v1 ({@link io.jfrp.protocol.FrpPipelines} switches both framings alike).
 */
package io.jfrp.protocol.wire;
