package io.jfrp.config.read;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of one template action ({@link GoTemplate}), as Go's text/template lexes them: words
 * (keywords and function names), field chains ({@code .Envs.NAME}, {@code .}), variables with
 * optional fields ({@code $v.First}, {@code $}), interpreted and raw strings, integers,
 * {@code :=}, {@code ,} and {@code |}. Anything else is an error naming it. Stateless.
 */
final class TemplateTokens {
    private TemplateTokens() {
    }

    enum Kind { WORD, FIELD, VARIABLE, STRING, NUMBER, DECLARE, COMMA, PIPE }

    /** One token; for a string, {@code text} is its value (quotes removed, escapes applied). */
    record Token(Kind kind, String text) {
        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }
    }

    static List<Token> tokenize(String action, int line) throws GoTemplate.TemplateException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = action.length();
        while (i < n) {
            char c = action.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ':' && i + 1 < n && action.charAt(i + 1) == '=') {
                out.add(new Token(Kind.DECLARE, ":="));
                i += 2;
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, ","));
                i++;
            } else if (c == '|') {
                out.add(new Token(Kind.PIPE, "|"));
                i++;
            } else if (c == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new GoTemplate.TemplateException(line, "unterminated quoted string");
                    }
                    char d = action.charAt(i++);
                    if (d == '"') {
                        break;
                    }
                    if (d == '\\' && i < n) {
                        char e = action.charAt(i++);
                        s.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case '\\', '"' -> e;
                            default -> throw new GoTemplate.TemplateException(line,
                                    "escape \\" + e + " in a string is not supported by jfrp");
                        });
                    } else {
                        s.append(d);
                    }
                }
                out.add(new Token(Kind.STRING, s.toString()));
            } else if (c == '`') {
                int end = action.indexOf('`', i + 1);
                if (end < 0) {
                    throw new GoTemplate.TemplateException(line, "unterminated raw quoted string");
                }
                out.add(new Token(Kind.STRING, action.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '.' || c == '$' || Character.isLetter(c) || c == '_') {
                int start = i++;
                while (i < n && (Character.isLetterOrDigit(action.charAt(i)) || action.charAt(i) == '_'
                        || action.charAt(i) == '.')) {
                    i++;
                }
                String word = action.substring(start, i);
                out.add(new Token(c == '.' ? Kind.FIELD : c == '$' ? Kind.VARIABLE : Kind.WORD, word));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(action.charAt(i + 1)))) {
                int start = i++;
                while (i < n && Character.isDigit(action.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, action.substring(start, i)));
            } else {
                throw new GoTemplate.TemplateException(line, "unexpected '" + c + "' in action");
            }
        }
        return out;
    }
}
