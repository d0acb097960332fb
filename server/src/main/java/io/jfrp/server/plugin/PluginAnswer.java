package io.jfrp.server.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * A server plugin's answer, {@code {"reject":…, "reject_reason":…, "unchange":…, "content":{…}}}, read
 * as Go's {@code encoding/json} reads frp's {@code Response}: names matched ignoring case, unknown
 * names ignored, {@code null} leaves a field at its zero value, and a value of the wrong type (a
 * string where a boolean belongs) is an error.
 *
 * @param reject       stop here, with {@code rejectReason} for the client
 * @param rejectReason why
 * @param unchange     go on with the content as it was
 * @param content      otherwise the complete replacement (a missing content is an empty one)
 */
record PluginAnswer(boolean reject, String rejectReason, boolean unchange, JsonNode content) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IOException when {@code body} is not such an answer */
    static PluginAnswer parse(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("the answer is not a JSON object");
        }
        boolean reject = false;
        boolean unchange = false;
        String reason = "";
        JsonNode content = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            if (v.isNull()) {
                continue;
            }
            switch (field.getKey().toLowerCase(Locale.ROOT)) {
                case "reject" -> reject = bool(v, "reject");
                case "unchange" -> unchange = bool(v, "unchange");
                case "reject_reason" -> {
                    if (v.getNodeType() != JsonNodeType.STRING) {
                        throw new IOException("reject_reason: expected a string, got " + v.getNodeType());
                    }
                    reason = v.asText();
                }
                case "content" -> {
                    if (!v.isObject()) {
                        throw new IOException("content: expected an object, got " + v.getNodeType());
                    }
                    content = v;
                }
                default -> {
                    // ignored, as Go ignores unknown fields
                }
            }
        }
        return new PluginAnswer(reject, reason, unchange, content);
    }

    private static boolean bool(JsonNode v, String name) throws IOException {
        if (!v.isBoolean()) {
            throw new IOException(name + ": expected true or false, got " + v);
        }
        return v.booleanValue();
    }
}
