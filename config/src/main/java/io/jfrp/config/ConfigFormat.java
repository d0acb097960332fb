package io.jfrp.config;

/** The format a configuration file was read as. */
public enum ConfigFormat {
    /** frp v1 TOML (frps.toml, frpc.toml). */
    TOML,
    /** frp's legacy INI (frps.ini, frpc.ini), rewritten with v1 key names. */
    LEGACY_INI,
    /** frp v1 as JSON. */
    JSON,
    /** frp v1 as YAML. */
    YAML,
    /** HOCON or Java properties, read by Typesafe Config (application.conf). */
    HOCON,
    /** frps's and frpc's command-line flags ({@code frps -p 7000}, {@code frpc tcp -s ...}). */
    COMMAND_LINE
}
