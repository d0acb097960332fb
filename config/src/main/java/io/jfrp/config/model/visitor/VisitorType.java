package io.jfrp.config.model.visitor;

import io.jfrp.config.model.FrpType;

import java.util.function.Function;

/**
 * The visitor types of frp v1: THE list of visitor types. A visitor is jfrpc's end of an stcp, sudp
 * or xtcp proxy of another client. jfrpc runs stcp and sudp visitors; a configuration file with a
 * visitor of a type it does not run (xtcp) is refused with an error naming the type. Looked up by
 * name with {@link FrpType#named}.
 */
public enum VisitorType implements FrpType {
    STCP("stcp", true, StcpVisitorConfig::from),
    XTCP("xtcp", false, XtcpVisitorConfig::from),
    SUDP("sudp", true, SudpVisitorConfig::from);

    private final String frpName;
    private final boolean implemented;
    private final Function<VisitorBuilder<?>, VisitorConfig> factory;

    VisitorType(String frpName, boolean implemented, Function<VisitorBuilder<?>, VisitorConfig> factory) {
        this.frpName = frpName;
        this.implemented = implemented;
        this.factory = factory;
    }

    @Override
    public String frpName() {
        return frpName;
    }

    /** Whether jfrpc runs visitors of this type. */
    @Override
    public boolean implemented() {
        return implemented;
    }

    VisitorConfig create(VisitorBuilder<?> builder) {
        return factory.apply(builder);
    }
}
