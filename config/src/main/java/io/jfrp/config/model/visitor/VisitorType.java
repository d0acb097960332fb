package io.jfrp.config.model.visitor;

import io.jfrp.config.model.FrpType;
import io.jfrp.config.model.RecordBinding;

import java.lang.invoke.MethodHandles;

/**
 * The visitor types of frp v1: THE list of visitor types. A visitor is jfrpc's end of an stcp, sudp
 * or xtcp proxy of another client. jfrpc runs all three. Looked up by
 * name with {@link FrpType#named}.
 */
public enum VisitorType implements FrpType {
    STCP("stcp", true, StcpVisitorConfig.class),
    XTCP("xtcp", true, XtcpVisitorConfig.class),
    SUDP("sudp", true, SudpVisitorConfig.class);

    private final Spec spec;

    <R extends Record & VisitorConfig> VisitorType(String frpName, boolean implemented, Class<R> record) {
        this.spec = new Spec(frpName, implemented, RecordBinding.of(MethodHandles.lookup(), record,
                VisitorBuilder.class));
    }

    @Override
    public Spec spec() {
        return spec;
    }

    VisitorConfig create(VisitorBuilder<?> builder) {
        return (VisitorConfig) spec.record().create(builder.base(), builder);
    }
}
