package io.jfrp.config.model.visitor;

/**
 * One visitor (frp's {@code VisitorConfigurer}): a record per {@link VisitorType} over the
 * {@link VisitorBase} all types share. Immutable; {@link #toBuilder()} to change a field.
 */
public sealed interface VisitorConfig permits StcpVisitorConfig, XtcpVisitorConfig, SudpVisitorConfig {
    VisitorBase base();

    default String name() {
        return base().name();
    }

    default VisitorType type() {
        return base().type();
    }

    default VisitorBuilder<VisitorConfig> toBuilder() {
        return VisitorBuilder.from(this);
    }
}
