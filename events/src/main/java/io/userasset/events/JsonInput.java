package io.userasset.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Reads one JSON document into a tree with the contract's rules, straight from the streaming parser
 * (no data binding): nesting depth limit, duplicate members rejected, every non-integer number kept
 * exactly as a {@link BigDecimal}, and NaN/Infinity tokens reported with the path where they occur.
 */
final class JsonInput {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonFactory factory;
    private final int maxDepth;
    private final Set<String> amountMembers;

    /**
     * @param maxDepth      deepest accepted nesting (the root object is level 1)
     * @param amountMembers member names holding amounts: a non-finite number there is invalid_amount
     */
    JsonInput(int maxDepth, Set<String> amountMembers) {
        this.maxDepth = maxDepth;
        this.amountMembers = Set.copyOf(amountMembers);
        this.factory = JsonFactory.builder()
                // read NaN/Infinity as tokens so they get a precise rejection instead of a syntax error
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // backstop only: the reader below enforces maxDepth itself with a precise message
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth + 1).build())
                .build();
    }

    JsonNode read(byte[] utf8) {
        JsonParser p = null;
        try {
            p = factory.createParser(utf8);
            JsonToken t = p.nextToken();
            if (t == null) throw new Reject(RejectionCode.MALFORMED_JSON, "", "the input holds no JSON value");
            JsonNode root = value(p, t, 1);
            if (p.nextToken() != null) {
                throw new Reject(RejectionCode.MALFORMED_JSON, "",
                        "unexpected content after the JSON value " + where(p.currentTokenLocation()));
            }
            return root;
        } catch (StreamConstraintsException e) {
            String msg = String.valueOf(e.getOriginalMessage());
            if (msg.contains("nesting depth")) {
                throw new Reject(RejectionCode.TOO_DEEP, "", "JSON nesting deeper than " + maxDepth + " levels");
            }
            throw number(p, "is too long a number (" + msg + ")");
        } catch (JsonEOFException e) {
            throw new Reject(RejectionCode.MALFORMED_JSON, "",
                    "the JSON ends prematurely (truncated?) " + where(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new Reject(RejectionCode.MALFORMED_JSON, "", "not valid JSON " + where(e.getLocation()) + ": "
                    + Violations.abbreviate(clean(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new Reject(RejectionCode.MALFORMED_JSON, "", "unreadable input: " + e.getMessage());
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // reading from a byte array
                }
            }
        }
    }

    private JsonNode value(JsonParser p, JsonToken t, int depth) throws IOException {
        if (t == null) throw truncated(p);
        switch (t) {
            case START_OBJECT: {
                if (depth > maxDepth) throw tooDeep(p);
                ObjectNode o = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    JsonNode v = value(p, p.nextToken(), depth + 1);
                    if (o.replace(name, v) != null) {
                        throw new Reject(RejectionCode.MALFORMED_JSON, pointer(p),
                                "member '" + Violations.abbreviate(name) + "' appears twice in the same object");
                    }
                }
                if (p.currentToken() != JsonToken.END_OBJECT) throw truncated(p);
                return o;
            }
            case START_ARRAY: {
                if (depth > maxDepth) throw tooDeep(p);
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (e == null) throw truncated(p);
                    a.add(value(p, e, depth + 1));
                }
                return a;
            }
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return IntNode.valueOf(p.getIntValue());
                    case LONG:
                        return LongNode.valueOf(p.getLongValue());
                    default:
                        return BigIntegerNode.valueOf(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT: {
                if (p.isNaN()) throw number(p, "is " + p.getText() + ", not a finite number");
                BigDecimal d;
                try {
                    d = p.getDecimalValue();
                } catch (NumberFormatException | ArithmeticException e) {
                    throw number(p, "is a number too large or too small to represent: "
                            + Violations.abbreviate(p.getText()));
                }
                return DecimalNode.valueOf(d);
            }
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.instance;
            default:
                // null (end of input) or a token that cannot start a value
                throw truncated(p);
        }
    }

    /** A number that cannot be an amount: invalid_amount where an amount belongs, else not JSON. */
    private Reject number(JsonParser p, String what) {
        String path = p == null ? "" : pointer(p);
        String member = path.isEmpty() ? "" : Violations.unescape(path.substring(path.lastIndexOf('/') + 1));
        if (amountMembers.contains(member)) {
            return new Reject(RejectionCode.INVALID_AMOUNT, path, "'" + member + "' " + what);
        }
        return new Reject(RejectionCode.MALFORMED_JSON, path,
                "the value " + what + " (JSON numbers are finite decimal numbers)");
    }

    private Reject tooDeep(JsonParser p) {
        return new Reject(RejectionCode.TOO_DEEP, "", "JSON nesting deeper than " + maxDepth + " levels (at "
                + Violations.abbreviate(pointer(p)) + ")");
    }

    private static Reject truncated(JsonParser p) {
        return new Reject(RejectionCode.MALFORMED_JSON, "",
                "the JSON ends prematurely (truncated?) " + where(p.currentLocation()));
    }

    private static String pointer(JsonParser p) {
        return p.getParsingContext().pathAsPointer().toString();
    }

    private static String where(JsonLocation l) {
        return l == null ? "" : "at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** Jackson's message without its notes on source redaction and feature names. */
    private static String clean(String message) {
        if (message == null) return "syntax error";
        String m = message;
        int cut = m.indexOf(" (start marker at");
        if (cut >= 0) m = m.substring(0, cut);
        cut = m.indexOf("\n");
        if (cut >= 0) m = m.substring(0, cut);
        return m;
    }
}
