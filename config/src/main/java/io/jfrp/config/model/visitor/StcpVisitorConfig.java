package io.jfrp.config.model.visitor;

/** An stcp visitor: a local port whose connections reach an stcp proxy of another client. */
public record StcpVisitorConfig(VisitorBase base) implements VisitorConfig {
    public StcpVisitorConfig {
        base = base.requireType(VisitorType.STCP);
    }
}
