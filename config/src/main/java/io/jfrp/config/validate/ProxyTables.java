package io.jfrp.config.validate;

import io.jfrp.config.model.FrpType;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.visitor.VisitorType;
import io.jfrp.config.schema.ConfigScope;
import io.jfrp.config.schema.FrpSchema;
import io.jfrp.config.schema.Values;

import java.util.Map;
import java.util.Optional;

/**
 * The elements of {@code proxies} and {@code visitors}: a {@code type} that picks the keys that apply,
 * the fields each needs (a name, unique in the file; a proxy's localPort; an http, https or tcpmux
 * proxy's customDomains or subdomain, as frpc with its text; a visitor's serverName and bindPort), and
 * whether jfrp runs the type ({@link ProxyType#implemented()},
 * {@link VisitorType#implemented()}): a file asking for a type jfrp does not run is refused, never
 * loaded without it.
 */
final class ProxyTables {
    /** frpc 0.70's text for such a proxy with neither (validateDomainConfigForClient). */
    static final String NO_DOMAINS = "subdomain and custom domains should not be both empty";

    private final KeyWalker walker;

    ProxyTables(KeyWalker walker) {
        this.walker = walker;
    }

    /**
     * A proxy or visitor: required fields, unique names, and whether jfrp runs its type. A type jfrp
     * does not run is an error naming it (once for the element; its keys are then not reported one by
     * one). Returns the normalised element.
     */
    ConfigObject check(ConfigObject element, ConfigScope scope, String shown, boolean quiet,
                       Map<String, ConfigValue> names, Problems run) {
        String what = scope.name();
        String disc = discriminator(element, scope, shown, true, run);
        ConfigValue nameValue = ConfigTrees.get(element, "name");
        String name = nameValue != null && Values.isScalar(nameValue) ? String.valueOf(nameValue.unwrapped()) : "";
        if (name.isEmpty()) {
            run.error(element.origin(), shown, "'" + shown + "': a " + what + " needs a 'name'");
        } else {
            ConfigValue first = names.putIfAbsent(name, nameValue);
            if (first != null) {
                run.error(nameValue.origin(), shown, "'" + shown + "': " + what + " name '" + name + "' is used twice"
                        + (first.origin().lineNumber() > 0 ? " (first on line " + first.origin().lineNumber() + ")" : ""));
            }
        }
        String label = what + " '" + (name.isEmpty() ? shown : name) + "'";
        boolean implemented = true;
        if (scope == FrpSchema.PROXY && disc != null) {
            Optional<ProxyType> type = ProxyType.fromFrpName(disc);
            implemented = type.map(ProxyType::implemented).orElse(false);
            if (implemented && ConfigTrees.get(element, "plugin") == null) {
                ConfigValue lp = ConfigTrees.get(element, "localPort");
                Long port = lp == null ? null : ValueChecks.number(lp, run.lenient);
                if (lp == null || port != null && port == 0) {
                    run.error(lp == null ? element.origin() : lp.origin(), shown + ".localPort",
                            label + ": 'localPort' is required (1..65535)");
                }
            }
            if (implemented && type.get().domainRouted() && noDomains(element)) {
                run.error(element.origin(), shown, label + ": " + NO_DOMAINS);
            }
        } else if (scope == FrpSchema.VISITOR && disc != null) {
            implemented = FrpType.named(VisitorType.values(), disc).map(VisitorType::implemented).orElse(false);
            if (ConfigTrees.isBlank(ConfigTrees.get(element, "serverName"))) {
                run.error(element.origin(), shown, label + ": 'serverName' is required");
            }
            ConfigValue bp = ConfigTrees.get(element, "bindPort");
            Long port = bp == null ? null : ValueChecks.number(bp, run.lenient);
            if (bp == null || port != null && port == 0) {
                run.error(bp == null ? element.origin() : bp.origin(), shown + ".bindPort",
                        label + ": 'bindPort' is required (negative = do not listen)");
            } else if ("sudp".equals(disc) && port != null && port < 0) {
                // An stcp visitor may listen nowhere (it takes connections other visitors hand over);
                // an sudp visitor is its UDP socket.
                run.error(bp.origin(), shown + ".bindPort", label + ": 'bindPort' of an sudp visitor must be 1..65535");
            }
        }
        if (!implemented && !quiet) {
            run.error(element.origin(), shown, label + ": type '" + disc + "' is an frp " + what
                    + " type jfrp does not implement yet");
        }
        return walker.walk(element, scope, "", shown, disc, quiet || !implemented, run);
    }

    /**
     * Whether a name-routed proxy has neither customDomains nor subdomain, as frpc tells it: no
     * customDomains or an empty list, and no subdomain or an empty one ({@code customDomains = [""]}
     * passes, as in frpc; a value of the wrong type is the type check's to report).
     */
    private static boolean noDomains(ConfigObject element) {
        ConfigValue custom = ConfigTrees.get(element, "customDomains");
        ConfigValue sub = ConfigTrees.get(element, "subdomain");
        boolean noCustom = custom == null || custom instanceof ConfigList list && list.isEmpty();
        boolean noSub = sub == null || Values.isScalar(sub) && String.valueOf(sub.unwrapped()).isEmpty();
        return noCustom && noSub;
    }

    /**
     * The element's discriminator value (its {@code type}) when the scope has one and it is valid; else
     * null, after reporting it missing when {@code required}. An invalid value is reported by the normal
     * key check.
     */
    static String discriminator(ConfigObject obj, ConfigScope scope, String shown, boolean required, Problems run) {
        if (scope.discriminator().isEmpty()) {
            return null;
        }
        String key = scope.discriminator().get();
        ConfigValue v = ConfigTrees.get(obj, key);
        if (v == null) {
            if (required) {
                run.error(obj.origin(), shown, "'" + shown + "': missing '" + key + "' (one of "
                        + String.join(", ", scope.discriminatorValues()) + ")");
            }
            return null;
        }
        String s = Values.isScalar(v) ? String.valueOf(v.unwrapped()) : null;
        return s != null && scope.discriminatorValues().contains(s) ? s : null;
    }
}
