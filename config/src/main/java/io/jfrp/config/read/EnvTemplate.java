package io.jfrp.config.read;

import io.jfrp.config.ConfigProblem;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * frp renders its TOML and INI files as Go templates before parsing them, so that
 * {@code serverAddr = "{{ .Envs.FRP_SERVER_ADDR }}"} takes a value from the environment. jfrp renders
 * the same {@code {{ .Envs.NAME }}} actions (with Go's {@code {{-} / {@code -}}} whitespace trimming and
 * {@code {{/* comments *}{@code /}}}); any other template action is reported as an error rather than
 * left in the value. An unset variable is an error too (Go would insert the text "&lt;no value&gt;").
 */
final class EnvTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)\\}\\}", Pattern.DOTALL);
    private static final Pattern ENV = Pattern.compile("\\.Envs\\.([A-Za-z_][A-Za-z0-9_]*)");

    private EnvTemplate() {
    }

    /**
     * Renders the text; problems (unsupported actions, unset variables) are added with their line.
     * Returns the text unchanged when it has no actions.
     */
    static String render(String text, Map<String, String> env, String file, List<ConfigProblem> problems) {
        if (!text.contains("{{")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = ACTION.matcher(text);
        int last = 0;
        boolean trimNext = false;
        while (m.find()) {
            String before = text.substring(last, m.start());
            if (trimNext) {
                before = stripLeading(before);
            }
            String inner = m.group(1);
            boolean trimLeft = inner.startsWith("- ") || inner.startsWith("-\t") || inner.startsWith("-\n");
            boolean trimRight = inner.endsWith(" -") || inner.endsWith("\t-") || inner.endsWith("\n-");
            if (trimLeft) {
                before = stripTrailing(before);
                inner = inner.substring(1);
            }
            if (trimRight) {
                inner = inner.substring(0, inner.length() - 1);
            }
            out.append(before);
            String action = inner.trim();
            int line = lineOf(text, m.start());
            Matcher var = ENV.matcher(action);
            if (action.startsWith("/*") && action.endsWith("*/")) {
                // a template comment renders as nothing
            } else if (var.matches()) {
                String value = env.get(var.group(1));
                if (value == null) {
                    problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, line, "",
                            "environment variable " + var.group(1) + " is not set (used as {{ .Envs." + var.group(1) + " }})"));
                } else {
                    out.append(value);
                }
            } else {
                problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, line, "",
                        "template action {{" + m.group(1) + "}} is not supported by jfrp; only {{ .Envs.NAME }} is"));
            }
            trimNext = trimRight;
            last = m.end();
        }
        String rest = text.substring(last);
        out.append(trimNext ? stripLeading(rest) : rest);
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int i = s.length();
        while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }
}
