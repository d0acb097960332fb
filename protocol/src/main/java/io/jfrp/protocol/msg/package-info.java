/**
 * The messages of frp wire protocol v1 as immutable value types, and the registry of their type
 * bytes ({@link io.jfrp.protocol.msg.MessageType}, which also gives each message its {@code type()}).
 *
 * <p>Each message mirrors one struct of frp's {@code pkg/msg/msg.go}: the record components are in
 * the struct's field order (which is the JSON field order Go's {@code encoding/json} writes) and carry
 * frp's exact JSON names: the {@code @JsonNaming(SnakeCaseStrategy)} of {@link io.jfrp.protocol.msg.Message}
 * (one declaration for every message) writes each component as
 * frp's tag where the tag is the snake_case of the component's name ({@code proxyName} as
 * {@code proxy_name}); the few tags that are not (such as {@code read_timeout} for
 * {@code readTimeoutMs}, or {@code UdpPacket}'s {@code c}, {@code l}, {@code r}) are named with
 * {@code @JsonProperty}. Like Go's zero values, no component is ever {@code null}: absent strings
 * are {@code ""} (the codec reads a {@code null} or absent string as {@code ""} for every message, and
 * Java code passes {@code ""} for "none"; only {@link io.jfrp.protocol.msg.Login} and
 * {@link io.jfrp.protocol.msg.NewProxy}, whose builders leave unset fields {@code null}, normalise their
 * strings themselves), absent lists and maps are empty (each record copies them immutably), and maps
 * iterate in Go's sorted key order so the encoded JSON is byte-for-byte what stock frp would write.
 * Turning messages into bytes is the job of {@link io.jfrp.protocol.codec}.
 *
 * <p>The builders of the two large messages, {@code LoginBuilder} and {@code NewProxyBuilder} (reached
 * through {@code Login.builder()} and {@code NewProxy.builder(name, type)}), are generated at compile
 * time from their {@code @RecordBuilder} annotation (record-builder; source-only, nothing of it at run
 * time); {@code build()} goes through the record's compact constructor like any other copy.
 */
package io.jfrp.protocol.msg;
