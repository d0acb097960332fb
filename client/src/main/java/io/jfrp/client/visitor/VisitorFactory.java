package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorConfig;

/** Makes the {@link Visitor} of one type; registered in {@link Visitors} against its {@code VisitorType}. */
@FunctionalInterface
public interface VisitorFactory {
    Visitor create(VisitorConfig config, VisitorContext context);
}
