/**
 * jfrp's configuration: frp's own files (v1 TOML, legacy INI) and HOCON/JSON with frp's key names,
 * read, validated against frp's whole schema and turned into what the programs run with.
 * {@link io.jfrp.config.ConfigLoader} is the entry point; {@link io.jfrp.config.LoadedConfig} gives
 * {@code serverConfig()} / {@code clientConfig()}.
 *
 * <h3>Packages, by job</h3>
 * <ul>
 *   <li>{@code read}, {@code read.ini}: files to a Typesafe Config with file and line origins;</li>
 *   <li>{@code schema}: every frp key per scope, its type, default and whether jfrp implements it;</li>
 *   <li>{@code validate}: the user's keys and values against the schema, every problem at once;</li>
 *   <li>{@code bind}: the validated configuration to the model;</li>
 *   <li>{@code model}: the records the programs use ({@code ServerConfig}, {@code ClientConfig}, the
 *       proxy and visitor records);</li>
 *   <li>{@code cli}: what both command lines do with {@code -c FILE}.</li>
 * </ul>
 * The flow is one way: read, then validate (with schema), then bind (to model). {@code model} imports
 * none of the others; {@code schema} imports only {@code model} (the type lists).
 *
 * <p>The module may use protocol (messages, AuthScope) and mux (YamuxConfig); never server or client.
 */
package io.jfrp.config;
