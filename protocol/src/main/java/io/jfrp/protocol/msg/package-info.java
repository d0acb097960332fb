/**
 * The messages of frp wire protocol v1 as immutable value types, and the registry of their type
 * bytes ({@link io.jfrp.protocol.msg.MessageType}).
 *
 * <p>Each message mirrors one struct of frp's {@code pkg/msg/msg.go}: the record components are in
 * the struct's field order (which is the JSON field order Go's {@code encoding/json} writes) and carry
 * frp's exact JSON names. Like Go's zero values, no component is ever {@code null}: absent strings
 * are {@code ""}, absent lists and maps are empty, and maps iterate in Go's sorted key order so the
 * encoded JSON is byte-for-byte what stock frp would write. Turning messages into bytes is the job of
 * {@link io.jfrp.protocol.codec}.
 */
package io.jfrp.protocol.msg;
