package io.jfrp.config.validate;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.schema.ConfigScope;
import io.jfrp.config.schema.FrpSchema;
import io.jfrp.config.schema.Values;

import java.util.Map;

/**
 * The elements of {@code proxies} and {@code visitors}: a {@code type} that picks the keys that apply,
 * the fields each needs (a name, unique in the file; a proxy's localPort; a visitor's serverName and
 * bindPort), and whether jfrp runs the type.
 */
final class ProxyTables {
    private final KeyWalker walker;

    ProxyTables(KeyWalker walker) {
        this.walker = walker;
    }

    /**
     * A proxy or visitor: required fields, unique names, and whether jfrp implements it. Returns the
     * normalised element, or null for a proxy jfrp ignores (so the typed views never see it).
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
        boolean implemented = false;
        if (scope == FrpSchema.PROXY && disc != null) {
            ConfigValue plugin = ConfigTrees.get(element, "plugin");
            implemented = ProxyType.fromFrpName(disc).map(ProxyType::implemented).orElse(false) && plugin == null;
            if (!quiet && !implemented) {
                String why = plugin != null
                        ? "proxies with a plugin" + (plugin.valueType() == ConfigValueType.OBJECT && ConfigTrees.get((ConfigObject) plugin, "type") != null
                                ? " ('" + ConfigTrees.get((ConfigObject) plugin, "type").unwrapped() + "')" : "")
                        : "proxies of type '" + disc + "'";
                run.warning(element.origin(), shown, label + ": " + why
                        + " are not supported by jfrp yet; this proxy is ignored");
            }
            if (implemented) {
                ConfigValue lp = ConfigTrees.get(element, "localPort");
                Long port = lp == null ? null : ValueChecks.number(lp, run.lenient);
                if (lp == null || port != null && port == 0) {
                    run.error(lp == null ? element.origin() : lp.origin(), shown + ".localPort",
                            label + ": 'localPort' is required (1..65535)");
                }
            }
        } else if (scope == FrpSchema.VISITOR && disc != null) {
            if (ConfigTrees.isBlank(ConfigTrees.get(element, "serverName"))) {
                run.error(element.origin(), shown, label + ": 'serverName' is required");
            }
            ConfigValue bp = ConfigTrees.get(element, "bindPort");
            Long port = bp == null ? null : ValueChecks.number(bp, run.lenient);
            if (bp == null || port != null && port == 0) {
                run.error(bp == null ? element.origin() : bp.origin(), shown + ".bindPort",
                        label + ": 'bindPort' is required (negative = do not listen)");
            }
        }
        ConfigObject walked = walker.walk(element, scope, "", shown, disc, quiet || !implemented, run);
        return scope == FrpSchema.PROXY && !implemented ? null : walked;
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
