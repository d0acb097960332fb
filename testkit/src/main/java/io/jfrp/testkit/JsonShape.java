package io.jfrp.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The shape of a JSON document: field names in order, value types and array lengths, recursively,
 * with the values themselves left out. Parity tests compare the shape of what jfrp's web APIs answer
 * with what stock frp answers, where the values (ports, times, counters) differ by nature.
 */
public final class JsonShape {
    private JsonShape() {
    }

    /** {@code n}'s shape as text, e.g. {@code {name:string,ports:[number;number;]}}. */
    public static String of(JsonNode n) {
        if (n.isObject()) {
            StringBuilder b = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(e.getKey()).append(':').append(of(e.getValue())).append(it.hasNext() ? "," : "");
            }
            return b.append('}').toString();
        }
        if (n.isArray()) {
            StringBuilder b = new StringBuilder("[");
            n.forEach(e -> b.append(of(e)).append(';'));
            return b.append(']').toString();
        }
        return n.getNodeType().name().toLowerCase();
    }
}
