package io.jfrp.config.schema;

import io.jfrp.config.validate.ConfigValidator;

/**
 * The value types of configuration keys, as frp decodes them (frp reads TOML through Go's JSON
 * decoder: an {@code int} field rejects a string, a {@code bool} rejects {@code "true"}). jfrp-only keys
 * under {@code jfrp.*} follow HOCON's rules instead (see {@link ConfigValidator}).
 */
public enum KeyType {
    /** A whole number, bounded by the key's min and max. */
    INT("a whole number"),
    /** A TCP/UDP port, 0..65535 unless the key narrows it; 0 means unset (the default, or off). */
    PORT("a port number"),
    BOOL("a boolean (true or false)"),
    /** A string, optionally one of a fixed set of values. Numbers and booleans are accepted and read as text. */
    STRING("a string"),
    /** frp's durations: a whole number of seconds. jfrp also accepts a HOCON duration string such as "30s". */
    SECONDS("a whole number of seconds (or a duration such as \"30s\")"),
    STRING_LIST("a list of strings"),
    /** A table whose keys are free-form and whose values are strings (metadatas, annotations, headers). */
    STRING_MAP("a table of strings"),
    /** A table whose keys are free-form and whose values are booleans (featureGates). */
    BOOL_MAP("a table of booleans"),
    /** frps allowPorts: a list of {@code {start, end}} / {@code {single}} tables, or a string "2000-3000,3001". */
    PORT_RANGES("a list of port ranges such as [{ start = 2000, end = 3000 }, { single = 3001 }], or a string such as \"2000-3000,3001\""),
    /** frp's bandwidth quantity: a number followed by MB or KB, e.g. "1MB". */
    BANDWIDTH("a bandwidth such as \"1MB\" or \"512KB\""),
    /** A list of tables, each checked against the key's element scope (proxies, visitors, httpPlugins). */
    TABLE_LIST("a list of tables"),
    /** A table checked against the key's element scope (a proxy's plugin). */
    TABLE("a table"),
    /** HOCON duration ("30s", "5m"); jfrp keys only. */
    DURATION("a duration such as \"30s\""),
    /** HOCON memory size ("16KiB"); jfrp keys only. */
    BYTES("a size such as \"16KiB\""),
    /** No check (a jfrp list or a value whose type cannot be inferred from its default). */
    ANY("any value");

    private final String expected;

    KeyType(String expected) {
        this.expected = expected;
    }

    /** What a value of this type looks like, for error messages ("expected ..."). */
    public String expected() {
        return expected;
    }
}
