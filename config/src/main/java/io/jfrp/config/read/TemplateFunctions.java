package io.jfrp.config.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The functions frp gives its configuration templates (frp's pkg/config/template.go), with frp's
 * results and errors:
 * <ul>
 *   <li>{@code parseNumberRange "1000-1002,2000"}: the numbers, [1000 1001 1002 2000];</li>
 *   <li>{@code parseNumberRangePair "6000-6001" "7000-7001"}: pairs with fields First and Second,
 *       [{6000 7000} {6001 7001}]; both ranges must hold as many numbers.</li>
 * </ul>
 * Any other function is an error naming it. Stateless.
 */
final class TemplateFunctions {
    /** Go template keywords jfrp does not run (each an error naming it). */
    static final Set<String> KEYWORDS = Set.of("if", "else", "with", "define", "template", "block", "break",
            "continue", "nil");
    /** Most numbers one range may expand to: a typo such as 1-99999999 must not exhaust the heap. */
    static final int MAX_NUMBERS = 65_536;

    private TemplateFunctions() {
    }

    static Object call(String name, List<Object> args, int line) throws GoTemplate.TemplateException {
        switch (name) {
            case "parseNumberRange" -> {
                requireStrings(name, args, 1, line);
                return new ArrayList<Object>(parseRangeNumbers((String) args.get(0), line));
            }
            case "parseNumberRangePair" -> {
                requireStrings(name, args, 2, line);
                List<Long> first = parseRangeNumbers((String) args.get(0), line);
                List<Long> second = parseRangeNumbers((String) args.get(1), line);
                if (first.size() != second.size()) {
                    throw new GoTemplate.TemplateException(line, "error calling parseNumberRangePair: first and "
                            + "second range numbers are not in pairs");
                }
                List<Object> pairs = new ArrayList<>(first.size());
                for (int i = 0; i < first.size(); i++) {
                    pairs.add(new GoTemplate.NumberPair(first.get(i), second.get(i)));
                }
                return pairs;
            }
            default -> throw new GoTemplate.TemplateException(line, "function \"" + name + "\" not defined"
                    + " (frp's templates have parseNumberRange and parseNumberRangePair)");
        }
    }

    private static void requireStrings(String name, List<Object> args, int count, int line)
            throws GoTemplate.TemplateException {
        if (args.size() != count) {
            throw new GoTemplate.TemplateException(line, "wrong number of args for " + name + ": want " + count
                    + " got " + args.size());
        }
        for (Object a : args) {
            if (!(a instanceof String)) {
                throw new GoTemplate.TemplateException(line, "wrong type for value; expected string; got " + a);
            }
        }
    }

    /** frp's util.ParseRangeNumbers: "1000-2000,2001,3000-4000" (spaces around numbers allowed). */
    static List<Long> parseRangeNumbers(String ranges, int line) throws GoTemplate.TemplateException {
        List<Long> numbers = new ArrayList<>();
        for (String part : ranges.strip().split(",", -1)) {
            String[] ends = part.split("-", -1);
            if (ends.length == 1) {
                numbers.add(number(ends[0], line));
            } else if (ends.length == 2) {
                long min = number(ends[0], line);
                long max = number(ends[1], line);
                if (max < min) {
                    throw invalid(line, "range number is invalid (" + part.strip() + ")");
                }
                if (max - min + numbers.size() >= MAX_NUMBERS) {
                    throw invalid(line, "range " + part.strip() + " has more than " + MAX_NUMBERS + " numbers");
                }
                for (long v = min; v <= max; v++) {
                    numbers.add(v);
                }
            } else {
                throw invalid(line, "range number is invalid (" + part.strip() + ")");
            }
        }
        return numbers;
    }

    private static long number(String s, int line) throws GoTemplate.TemplateException {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw invalid(line, "range number is invalid, '" + s.strip() + "' is not a number");
        }
    }

    private static GoTemplate.TemplateException invalid(int line, String message) {
        return new GoTemplate.TemplateException(line, "error calling a range function: " + message);
    }
}
