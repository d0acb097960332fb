package io.jfrp.config;

import io.jfrp.config.schema.ConfigScope;
import io.jfrp.config.schema.FrpSchema;

/** Which program a configuration file is for: it picks the key schema and the defaults' root path. */
public enum Program {
    /** frps / jfrps: defaults under {@code jfrps} in reference.conf. */
    SERVER("jfrps", FrpSchema.SERVER, FrpSchema.SERVER_JFRP),
    /** frpc / jfrpc: defaults under {@code jfrpc} in reference.conf. */
    CLIENT("jfrpc", FrpSchema.CLIENT, FrpSchema.CLIENT_JFRP);

    private final String rootPath;
    private final ConfigScope schema;
    private final ConfigScope jfrpSchema;

    Program(String rootPath, ConfigScope schema, ConfigScope jfrpSchema) {
        this.rootPath = rootPath;
        this.schema = schema;
        this.jfrpSchema = jfrpSchema;
    }

    /** Where this program's defaults live in reference.conf. */
    public String rootPath() {
        return rootPath;
    }

    /** The frp keys of this program. */
    public ConfigScope schema() {
        return schema;
    }

    /** jfrp-only keys declared with an explicit type. */
    public ConfigScope jfrpSchema() {
        return jfrpSchema;
    }
}
