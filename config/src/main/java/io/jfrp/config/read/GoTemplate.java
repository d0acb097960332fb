package io.jfrp.config.read;

import io.jfrp.config.ConfigProblem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * frp renders every configuration file as a Go {@code text/template} before parsing it, with the
 * environment as {@code .Envs} and the functions {@code parseNumberRange} and
 * {@code parseNumberRangePair} ({@link TemplateFunctions}). This renders the part of that language
 * frp documents and its e2e suite uses, exactly as Go does, and refuses the rest with an error naming
 * it (rather than leaving template text in a value):
 * <ul>
 *   <li>text, and actions {@code {{ ... }}} with Go's trim markers {@code {{- } and {@code -}}} and
 *       comments {@code {{/* ... *}{@code /}}};</li>
 *   <li>values: {@code .Envs.NAME}, {@code .} and {@code $} (the data), variables {@code $v} and
 *       their fields ({@code $v.First}), string literals ({@code "..."}, {@code `...`}), integers;</li>
 *   <li>calls of frp's two functions with their arguments;</li>
 *   <li>{@code range [$i[, $v] :=] PIPELINE} ... {@code end}, over what the functions return.</li>
 * </ul>
 * Unlike Go, an unset environment variable is an error (Go would write "&lt;no value&gt;" into the
 * file). {@code if}, {@code with}, pipes and other functions are errors naming them.
 *
 * <p>Stateless; {@link #render} is thread-safe.
 */
final class GoTemplate {
    private GoTemplate() {
    }

    /** A value a template can print or range over: frp's NumberPair has the fields First and Second. */
    record NumberPair(long first, long second) {
    }

    /** A failure at a line of the template. */
    static final class TemplateException extends Exception {
        final int line;

        TemplateException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /**
     * Renders {@code text} with {@code env} as {@code .Envs}; on an error adds it to {@code problems}
     * (with its line) and returns null. Text without {@code {{} is returned as it is.
     */
    static String render(String text, Map<String, String> env, String file, List<ConfigProblem> problems) {
        if (!text.contains("{{")) {
            return text;
        }
        try {
            List<Node> nodes = parse(text);
            StringBuilder out = new StringBuilder(text.length());
            Map<String, Object> data = Map.of("Envs", env);
            Scope scope = new Scope(null, data);
            scope.vars.put("$", data);
            execute(nodes, data, scope, out);
            return out.toString();
        } catch (TemplateException e) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, e.line, "", "template: " + e.getMessage()));
            return null;
        }
    }

    // ---- parsing: text into nodes ----

    private sealed interface Node permits Text, Action, Range {
    }

    private record Text(String text) implements Node {
    }

    private record Action(List<TemplateTokens.Token> tokens, int line) implements Node {
    }

    private record Range(List<String> vars, List<TemplateTokens.Token> pipeline, List<Node> body, int line)
            implements Node {
    }

    private static List<Node> parse(String text) throws TemplateException {
        Deque<List<Node>> open = new ArrayDeque<>();
        Deque<Range> ranges = new ArrayDeque<>();
        List<Node> current = new ArrayList<>();
        int pos = 0;
        boolean trimNext = false;
        while (pos < text.length()) {
            int start = text.indexOf("{{", pos);
            String before = text.substring(pos, start < 0 ? text.length() : start);
            if (trimNext) {
                before = before.stripLeading();
            }
            if (start < 0) {
                current.add(new Text(before));
                break;
            }
            int line = lineOf(text, start);
            int end = actionEnd(text, start + 2);
            if (end < 0) {
                throw new TemplateException(line, "unclosed action (no '}}' after '{{')");
            }
            String inner = text.substring(start + 2, end);
            if (inner.length() >= 2 && inner.charAt(0) == '-' && Character.isWhitespace(inner.charAt(1))) {
                before = before.stripTrailing();
                inner = inner.substring(1);
            }
            trimNext = inner.length() >= 2 && inner.charAt(inner.length() - 1) == '-'
                    && Character.isWhitespace(inner.charAt(inner.length() - 2));
            if (trimNext) {
                inner = inner.substring(0, inner.length() - 1);
            }
            current.add(new Text(before));
            pos = end + 2;
            String action = inner.strip();
            if (action.startsWith("/*")) {
                if (!action.endsWith("*/")) {
                    throw new TemplateException(line, "unclosed comment");
                }
                continue;
            }
            List<TemplateTokens.Token> tokens = TemplateTokens.tokenize(action, line);
            if (tokens.isEmpty()) {
                throw new TemplateException(line, "missing value for command");
            }
            TemplateTokens.Token first = tokens.get(0);
            if (first.is(TemplateTokens.Kind.WORD, "range")) {
                Range r = rangeOf(tokens.subList(1, tokens.size()), line);
                current.add(r);
                open.push(current);
                ranges.push(r);
                current = r.body();
            } else if (first.is(TemplateTokens.Kind.WORD, "end")) {
                if (tokens.size() > 1 || ranges.isEmpty()) {
                    throw new TemplateException(line, ranges.isEmpty() ? "unexpected {{end}}" : "unexpected "
                            + tokens.get(1).text() + " after end");
                }
                ranges.pop();
                current = open.pop();
            } else if (first.kind() == TemplateTokens.Kind.WORD && TemplateFunctions.KEYWORDS.contains(first.text())) {
                throw new TemplateException(line, "'" + first.text() + "' is not supported by jfrp (frp's templates"
                        + " use {{ .Envs.NAME }}, range, parseNumberRange and parseNumberRangePair)");
            } else {
                current.add(new Action(tokens, line));
            }
        }
        if (!ranges.isEmpty()) {
            throw new TemplateException(ranges.peek().line(), "range has no matching {{ end }}");
        }
        return current;
    }

    /** Where the action starting at {@code from} ends ("}}" outside its strings and comment), or -1. */
    private static int actionEnd(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i)) || i < text.length() && text.charAt(i) == '-') {
            i++;
        }
        if (text.startsWith("/*", i)) {
            int close = text.indexOf("*/", i + 2);
            return close < 0 ? -1 : text.indexOf("}}", close + 2);
        }
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                for (i++; i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n'; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '`') {
                int close = text.indexOf('`', i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    private static Range rangeOf(List<TemplateTokens.Token> tokens, int line) throws TemplateException {
        int decl = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == TemplateTokens.Kind.DECLARE) {
                decl = i;
            }
        }
        List<String> vars = new ArrayList<>();
        if (decl >= 0) {
            for (int i = 0; i < decl; i++) {
                TemplateTokens.Token t = tokens.get(i);
                boolean comma = i % 2 == 1;
                if (comma ? t.kind() != TemplateTokens.Kind.COMMA
                        : t.kind() != TemplateTokens.Kind.VARIABLE || t.text().contains(".")) {
                    throw new TemplateException(line, "range: bad variable declaration near '" + t.text() + "'");
                }
                if (!comma) {
                    vars.add(t.text());
                }
            }
            if (vars.isEmpty() || vars.size() > 2) {
                throw new TemplateException(line, "range can declare one or two variables, got " + vars.size());
            }
        }
        List<TemplateTokens.Token> pipeline = tokens.subList(decl + 1, tokens.size());
        if (pipeline.isEmpty()) {
            throw new TemplateException(line, "missing value for range");
        }
        return new Range(vars, List.copyOf(pipeline), new ArrayList<>(), line);
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

    // ---- execution ----

    /** Variables visible at a point; an inner range sees its parents' variables. */
    private static final class Scope {
        final Scope parent;
        final Map<String, Object> vars = new HashMap<>();

        Scope(Scope parent, Object ignored) {
            this.parent = parent;
        }

        Object lookup(String name, int line) throws TemplateException {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(name)) {
                    return s.vars.get(name);
                }
            }
            throw new TemplateException(line, "undefined variable \"" + name + "\"");
        }
    }

    private static void execute(List<Node> nodes, Object dot, Scope scope, StringBuilder out)
            throws TemplateException {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Action a) {
                out.append(print(evaluate(a.tokens(), dot, scope, a.line()), a.line()));
            } else if (n instanceof Range r) {
                Object over = evaluate(r.pipeline(), dot, scope, r.line());
                if (!(over instanceof List<?> list)) {
                    throw new TemplateException(r.line(), "range can't iterate over " + print(over, r.line()));
                }
                for (int i = 0; i < list.size(); i++) {
                    Scope inner = new Scope(scope, null);
                    if (r.vars().size() == 1) {
                        inner.vars.put(r.vars().get(0), list.get(i));
                    } else if (r.vars().size() == 2) {
                        inner.vars.put(r.vars().get(0), (long) i);
                        inner.vars.put(r.vars().get(1), list.get(i));
                    }
                    execute(r.body(), list.get(i), inner, out);
                }
            }
        }
    }

    /** A pipeline of one command: an operand, or a function with its arguments. */
    private static Object evaluate(List<TemplateTokens.Token> tokens, Object dot, Scope scope, int line)
            throws TemplateException {
        for (TemplateTokens.Token t : tokens) {
            if (t.kind() == TemplateTokens.Kind.PIPE) {
                throw new TemplateException(line, "pipelines ('|') are not supported by jfrp");
            }
        }
        TemplateTokens.Token head = tokens.get(0);
        if (head.kind() == TemplateTokens.Kind.WORD) {
            List<Object> args = new ArrayList<>();
            for (TemplateTokens.Token t : tokens.subList(1, tokens.size())) {
                args.add(operand(t, dot, scope, line));
            }
            return TemplateFunctions.call(head.text(), args, line);
        }
        if (tokens.size() > 1) {
            throw new TemplateException(line, "can't give argument to non-function " + head.text());
        }
        return operand(head, dot, scope, line);
    }

    private static Object operand(TemplateTokens.Token t, Object dot, Scope scope, int line)
            throws TemplateException {
        return switch (t.kind()) {
            case STRING -> t.text();
            case NUMBER -> Long.parseLong(t.text());
            case FIELD -> fields(dot, t.text(), line);
            case VARIABLE -> {
                int dotAt = t.text().indexOf('.');
                String name = dotAt < 0 ? t.text() : t.text().substring(0, dotAt);
                Object v = scope.lookup(name, line);
                yield dotAt < 0 ? v : fields(v, t.text().substring(dotAt), line);
            }
            default -> throw new TemplateException(line, "unexpected '" + t.text() + "' in operand");
        };
    }

    /** {@code chain} (".A.B", or "." alone) of {@code value}. */
    private static Object fields(Object value, String chain, int line) throws TemplateException {
        Object v = value;
        for (String name : chain.substring(1).split("\\.", -1)) {
            if (name.isEmpty()) {
                continue;
            }
            if (v instanceof Map<?, ?> map) {
                if (!map.containsKey(name)) {
                    throw new TemplateException(line, map.containsKey("Envs") ? "no field " + name + " (frp's"
                            + " template data has .Envs)" : "environment variable " + name + " is not set");
                }
                v = map.get(name);
            } else if (v instanceof NumberPair pair && (name.equals("First") || name.equals("Second"))) {
                v = name.equals("First") ? pair.first() : pair.second();
            } else {
                throw new TemplateException(line, "can't evaluate field " + name + " in " + print(v, line));
            }
        }
        return v;
    }

    /** How Go's fmt prints a value in a template. */
    private static String print(Object v, int line) throws TemplateException {
        if (v instanceof String || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof NumberPair p) {
            return "{" + p.first() + " " + p.second() + "}";
        }
        if (v instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : " ").append(print(list.get(i), line));
            }
            return b.append(']').toString();
        }
        throw new TemplateException(line, "cannot print " + (v instanceof Map ? "a map" : String.valueOf(v)));
    }
}
