package io.jfrp.config.cli;

/**
 * frp's command lines accept every long flag with underscores or dashes ({@code --vhost_http_port}
 * and {@code --vhost-http-port}: cobra's WordSepNormalizeFunc); jfrp's options are declared with
 * dashes, and this rewrites the underscores of a long flag's name (not of its value) before picocli
 * reads the arguments. Stateless.
 */
public final class FrpArgs {
    private FrpArgs() {
    }

    /** {@code args} with the names of long flags ({@code --a_b}, {@code --a_b=v}) written with dashes. */
    public static String[] normalize(String[] args) {
        String[] out = args.clone();
        boolean flags = true;
        for (int i = 0; i < out.length; i++) {
            String a = out[i];
            if (a.equals("--")) {
                flags = false; // everything after "--" is an argument
            }
            if (!flags || !a.startsWith("--") || a.length() <= 2) {
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            out[i] = name.replace('_', '-') + (eq < 0 ? "" : a.substring(eq));
        }
        return out;
    }
}
