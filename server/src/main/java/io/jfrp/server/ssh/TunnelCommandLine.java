package io.jfrp.server.ssh;

import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyType;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command an SSH client runs on the gateway ({@code ssh ... v0@frps tcp --proxy_name web}), read
 * as frp's {@code pkg/ssh} reads it: split on single spaces; the first word is the proxy type (tcp,
 * http, https, tcpmux or stcp); then frpc's flags for that type in SSH mode (no local address, no
 * transport flags), plus {@code --user}, {@code --client-id} and {@code --token}. As pflag does, an
 * underscore and a dash are the same in a flag name, {@code --flag value} and {@code --flag=value}
 * both work, and a word that is not a flag is ignored. A proxy without a name is named
 * {@code sshtunnel-<type>-<8 random hex>}.
 *
 * @param proxy    the proxy asked for
 * @param user     {@code --user}
 * @param clientId {@code --client-id}
 * @param token    {@code --token}
 */
record TunnelCommandLine(ProxyConfig proxy, String user, String clientId, String token) {
    /** The proxy types frp's gateway offers. */
    static final List<String> TYPES = List.of("tcp", "http", "https", "tcpmux", "stcp");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The command asked for help ({@code -h}, {@code --help}): the text to show. */
    static final class HelpRequested extends Exception {
        HelpRequested(String usage) {
            super(usage, null, false, false);
        }
    }

    /** A flag the command accepts. */
    private record Flag(String name, String shorthand, boolean list, String help) {
    }

    /**
     * @throws IllegalArgumentException with frp's wording when the command cannot be read
     * @throws HelpRequested            when it asks for help
     */
    static TunnelCommandLine parse(String command) throws HelpRequested {
        String[] args = command.split(" ", -1);
        String type = args[0].trim();
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("invalid proxy type: " + type + ", support types: [" + String.join(" ", TYPES) + "]");
        }
        List<Flag> flags = flags(type);
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-") ) {
                continue; // pflag leaves positional arguments alone
            }
            if (arg.equals("--")) {
                break;
            }
            boolean longForm = arg.startsWith("--");
            String body = arg.substring(longForm ? 2 : 1);
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                value = body.substring(eq + 1);
                body = body.substring(0, eq);
            } else if (!longForm && body.length() > 1) {
                value = body.substring(1); // -rVALUE
                body = body.substring(0, 1);
            }
            String name = body.replace('_', '-');
            if (name.equals("help") || !longForm && name.equals("h")) {
                throw new HelpRequested(usage(type, flags));
            }
            Flag flag = find(flags, name, longForm);
            if (flag == null) {
                throw new IllegalArgumentException(longForm ? "unknown flag: --" + name : "unknown shorthand flag: '"
                        + name + "' in " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("flag needs an argument: " + (longForm ? "--" + name : "-" + name));
                }
                value = args[++i];
            }
            values.computeIfAbsent(flag.name(), k -> new ArrayList<>()).add(value);
        }
        return build(type, values);
    }

    private static Flag find(List<Flag> flags, String name, boolean longForm) {
        for (Flag f : flags) {
            if (longForm ? f.name().equals(name) : name.equals(f.shorthand())) {
                return f;
            }
        }
        return null;
    }

    private static TunnelCommandLine build(String type, Map<String, List<String>> v) {
        ProxyType proxyType = ProxyType.fromFrpName(type).orElseThrow();
        String name = last(v, "proxy-name");
        if (name.isEmpty()) {
            byte[] id = new byte[4];
            RANDOM.nextBytes(id);
            name = "sshtunnel-" + type + "-" + HexFormat.of().formatHex(id);
        }
        ProxyBuilder<ProxyConfig> b = ProxyBuilder.of(proxyType, name)
                .metadatas(pairs(v, "metadatas"))
                .annotations(pairs(v, "annotations"));
        switch (type) {
            case "tcp" -> b.remotePort(integer(v, "remote-port", "-r, --remote-port"));
            case "http" -> b.customDomains(list(v, "custom-domain")).subdomain(last(v, "sd"))
                    .locations(list(v, "locations")).basicAuth(last(v, "http-user"), last(v, "http-pwd"))
                    .hostHeaderRewrite(last(v, "host-header-rewrite"));
            case "https" -> b.customDomains(list(v, "custom-domain")).subdomain(last(v, "sd"));
            case "tcpmux" -> b.customDomains(list(v, "custom-domain")).subdomain(last(v, "sd"))
                    .multiplexer(last(v, "mux")).basicAuth(last(v, "http-user"), last(v, "http-pwd"));
            default -> b.secretKey(last(v, "sk")).allowUsers(list(v, "allow-users"));
        }
        return new TunnelCommandLine(b.build(), last(v, "user"), last(v, "client-id"), last(v, "token"));
    }

    private static List<Flag> flags(String type) {
        List<Flag> f = new ArrayList<>(List.of(
                new Flag("proxy-name", "n", false, "proxy name"),
                new Flag("metadatas", "", true, "metadata key-value pairs (e.g., key1=value1,key2=value2)"),
                new Flag("annotations", "", true, "annotation key-value pairs (e.g., key1=value1,key2=value2)")));
        switch (type) {
            case "tcp" -> f.add(new Flag("remote-port", "r", false, "remote port"));
            case "http" -> f.addAll(List.of(new Flag("custom-domain", "d", true, "custom domains"),
                    new Flag("sd", "", false, "sub domain"), new Flag("locations", "", true, "locations"),
                    new Flag("http-user", "", false, "http auth user"), new Flag("http-pwd", "", false, "http auth password"),
                    new Flag("host-header-rewrite", "", false, "host header rewrite")));
            case "https" -> f.addAll(List.of(new Flag("custom-domain", "d", true, "custom domains"),
                    new Flag("sd", "", false, "sub domain")));
            case "tcpmux" -> f.addAll(List.of(new Flag("custom-domain", "d", true, "custom domains"),
                    new Flag("sd", "", false, "sub domain"), new Flag("mux", "", false, "multiplexer"),
                    new Flag("http-user", "", false, "http auth user"), new Flag("http-pwd", "", false, "http auth password")));
            default -> f.addAll(List.of(new Flag("sk", "", false, "secret key"),
                    new Flag("allow-users", "", true, "allow visitor users")));
        }
        f.addAll(List.of(new Flag("user", "u", false, "user"),
                new Flag("client-id", "", false, "unique identifier for this frpc instance"),
                new Flag("token", "t", false, "auth token")));
        return f;
    }

    private static String usage(String type, List<Flag> flags) {
        StringBuilder out = new StringBuilder("Usage:\n  ssh v0@{address} [command] [flags]\n\nFlags:\n");
        for (Flag f : flags) {
            String left = (f.shorthand().isEmpty() ? "      " : "  -" + f.shorthand() + ", ") + "--" + f.name()
                    + (f.list() ? " strings" : " string");
            out.append(String.format("%-36s %s%n", left, f.help()));
        }
        out.append(String.format("%-36s %s%n", "  -h, --help", "help for ssh v0@{address} " + type));
        return out.toString();
    }

    private static String last(Map<String, List<String>> v, String name) {
        List<String> all = v.get(name);
        return all == null ? "" : all.get(all.size() - 1);
    }

    /** A string list flag: every use, each split on commas (pflag's StringSlice, quotes removed). */
    private static List<String> list(Map<String, List<String>> v, String name) {
        List<String> out = new ArrayList<>();
        for (String value : v.getOrDefault(name, List.of())) {
            Arrays.stream(value.split(",")).map(s -> s.replace("\"", "")).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    private static Map<String, String> pairs(Map<String, List<String>> v, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : list(v, name)) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("invalid argument \"" + item + "\" for \"--" + name + "\" flag: "
                        + item + " must be formatted as key=value");
            }
            out.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return out;
    }

    private static int integer(Map<String, List<String>> v, String name, String shown) {
        String s = last(v, name);
        if (s.isEmpty()) {
            return 0;
        }
        try {
            int port = Integer.parseInt(s);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("invalid argument \"" + s + "\" for \"" + shown + "\" flag: not a port");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid argument \"" + s + "\" for \"" + shown
                    + "\" flag: strconv.ParseInt: parsing \"" + s + "\": invalid syntax");
        }
    }
}
