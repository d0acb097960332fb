package io.jfrp.config.model.visitor;

import io.jfrp.config.model.FrpType;

import java.util.function.Function;

/**
 * The visitor types of frp v1: THE list of visitor types. A visitor is jfrpc's end of an stcp, sudp
 * or xtcp proxy of another client. jfrp runs none yet ({@link #implemented()} is false for all): a
 * configuration file with a visitor is refused with an error naming its type. Looked up by name with
 * {@link FrpType#named}.
 */
public enum VisitorType implements FrpType {
    STCP("stcp", StcpVisitorConfig::from),
    XTCP("xtcp", XtcpVisitorConfig::from),
    SUDP("sudp", SudpVisitorConfig::from);

    private final String frpName;
    private final Function<VisitorBuilder<?>, VisitorConfig> factory;

    VisitorType(String frpName, Function<VisitorBuilder<?>, VisitorConfig> factory) {
        this.frpName = frpName;
        this.factory = factory;
    }

    @Override
    public String frpName() {
        return frpName;
    }

    /** False: jfrpc runs no visitor yet. */
    @Override
    public boolean implemented() {
        return false;
    }

    VisitorConfig create(VisitorBuilder<?> builder) {
        return factory.apply(builder);
    }
}
