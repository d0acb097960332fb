package io.jfrp.config;

import io.jfrp.config.schema.ConfigScope;
import io.jfrp.config.schema.FrpSchema;

/** Which program a configuration file is for: it picks the key schema and the defaults' root path. */
public enum Program {
    /** frps / jfrps: defaults under {@code jfrps} in reference.conf. */
    SERVER,
    /** frpc / jfrpc: defaults under {@code jfrpc} in reference.conf. */
    CLIENT;

    /** Where this program's defaults live in reference.conf. */
    public String rootPath() {
        return switch (this) {
            case SERVER -> "jfrps";
            case CLIENT -> "jfrpc";
        };
    }

    /** The frp keys of this program. */
    public ConfigScope schema() {
        return switch (this) {
            case SERVER -> FrpSchema.SERVER;
            case CLIENT -> FrpSchema.CLIENT;
        };
    }

    /** jfrp-only keys declared with an explicit type. */
    public ConfigScope jfrpSchema() {
        return switch (this) {
            case SERVER -> FrpSchema.SERVER_JFRP;
            case CLIENT -> FrpSchema.CLIENT_JFRP;
        };
    }
}
