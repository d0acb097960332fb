package io.jfrp.config.model.visitor;

import io.jfrp.config.model.Fields;

/**
 * A visitor's {@code plugin} table (frp's visitor plugins; {@code virtual_net} is the only one).
 *
 * @param type          {@code virtual_net}, or empty for none
 * @param destinationIP the virtual network address reached through the visitor
 */
public record VisitorPlugin(String type, String destinationIP) {
    /** No plugin. */
    public static final VisitorPlugin NONE = new VisitorPlugin("", "");

    public VisitorPlugin {
        type = Fields.text(type);
        destinationIP = Fields.text(destinationIP);
    }
}
