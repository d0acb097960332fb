package io.jfrp.config.model.visitor;

import io.jfrp.config.model.TypedConfig;

/**
 * One visitor (frp's {@code VisitorConfigurer}): a record per {@link VisitorType} over the
 * {@link VisitorBase} all types share. Immutable; {@link #toBuilder()} to change a field.
 */
public sealed interface VisitorConfig extends TypedConfig<VisitorType>
        permits StcpVisitorConfig, XtcpVisitorConfig, SudpVisitorConfig {
    @Override
    VisitorBase base();

    default VisitorBuilder<VisitorConfig> toBuilder() {
        return VisitorBuilder.from(this);
    }
}
