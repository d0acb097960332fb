package io.jfrp.config.model.visitor;

/** An sudp visitor: a local UDP port whose datagrams reach an sudp proxy of another client. */
public record SudpVisitorConfig(VisitorBase base) implements VisitorConfig {
    public SudpVisitorConfig {
        base = base.requireType(VisitorType.SUDP);
    }
}
