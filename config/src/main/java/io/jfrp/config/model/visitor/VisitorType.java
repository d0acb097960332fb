package io.jfrp.config.model.visitor;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The visitor types of frp v1: THE list of visitor types. A visitor is jfrpc's end of an stcp, sudp
 * or xtcp proxy of another client. jfrp runs none yet ({@link #implemented()} is false for all): a
 * configuration file with a visitor is refused with an error naming its type.
 */
public enum VisitorType {
    STCP("stcp", false, StcpVisitorConfig::from),
    XTCP("xtcp", false, XtcpVisitorConfig::from),
    SUDP("sudp", false, SudpVisitorConfig::from);

    private final String frpName;
    private final boolean implemented;
    private final Function<VisitorBuilder<?>, VisitorConfig> factory;

    VisitorType(String frpName, boolean implemented, Function<VisitorBuilder<?>, VisitorConfig> factory) {
        this.frpName = frpName;
        this.implemented = implemented;
        this.factory = factory;
    }

    /** The name in frp's files ({@code type = "stcp"}). */
    public String frpName() {
        return frpName;
    }

    /** Whether jfrpc runs visitors of this type. */
    public boolean implemented() {
        return implemented;
    }

    VisitorConfig create(VisitorBuilder<?> builder) {
        return factory.apply(builder);
    }

    /** The type named {@code frpName}, if any. */
    public static Optional<VisitorType> fromFrpName(String frpName) {
        return Arrays.stream(values()).filter(t -> t.frpName.equals(frpName)).findFirst();
    }

    /** Every type's frp name, in frp's order. */
    public static String[] frpNames() {
        return Arrays.stream(values()).map(VisitorType::frpName).toArray(String[]::new);
    }
}
