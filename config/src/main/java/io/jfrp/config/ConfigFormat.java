package io.jfrp.config;

/** The format a configuration file was read as. */
public enum ConfigFormat {
    /** frp v1 TOML (frps.toml, frpc.toml). */
    TOML,
    /** frp's legacy INI (frps.ini, frpc.ini), rewritten with v1 key names. */
    LEGACY_INI,
    /** HOCON, JSON or Java properties, read by Typesafe Config (application.conf). */
    HOCON
}
