package io.userasset.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON Schema validator's messages for one value into the one {@link Rejection} reported
 * to the sender. The code follows from the keyword and from the shared definition (defs.schema.json)
 * that was violated; the path is the JSON Pointer of the offending value in the input as sent.
 */
final class Violations {

    private static final String DEFS = "defs.schema.json#/$defs/";

    private Violations() {}

    /** Maps a pointer relative to the validated value to the pointer in the input as sent. */
    @FunctionalInterface
    interface Paths {
        String map(String relativePointer);

        static Paths prefixed(String prefix) {
            return prefix.isEmpty() ? p -> p : p -> prefix + p;
        }
    }

    /**
     * The rejection to report: when there are several violations, a wrong type first, then a missing
     * member, then a missing identity, then value rules, then anything else; within a rank, the first
     * the validator met (schema order, e.g. the order of a "required" list). The message of a missing
     * member also names the other missing members and any unknown member (a likely misspelling).
     *
     * @param hints messages to use for a missing member, by member name (for mapped formats)
     */
    static Rejection select(Collection<ValidationMessage> messages, Paths paths, Map<String, String> hints) {
        Rejection best = null;
        int bestRank = Integer.MAX_VALUE;
        List<String> missing = new ArrayList<>();
        String unknown = null;
        for (ValidationMessage m : messages) {
            Rejection r = map(m, paths, hints);
            if ("additionalProperties".equals(m.getType()) && unknown == null) unknown = quoted(r.path());
            if (r.code() == RejectionCode.MISSING_FIELD) missing.add(quoted(r.path()));
            int rank = rank(r.code());
            if (rank < bestRank) {
                best = r;
                bestRank = rank;
            }
        }
        if (best == null) return null;
        String message = best.message();
        if (best.code() == RejectionCode.MISSING_FIELD && missing.size() > 1) {
            missing.remove(quoted(best.path()));
            message += " (also missing: " + String.join(", ", missing) + ")";
        }
        if (unknown != null
                && (best.code() == RejectionCode.MISSING_FIELD || best.code() == RejectionCode.MISSING_IDENTITY)) {
            message += " (the event has an unknown member " + unknown + ": misspelt?)";
        }
        return message.equals(best.message()) ? best : new Rejection(best.code(), best.path(), message);
    }

    private static int rank(RejectionCode code) {
        return switch (code) {
            case WRONG_TYPE -> 0;
            case MISSING_FIELD -> 1;
            case MISSING_IDENTITY -> 2;
            case INVALID_IDENTIFIER, INVALID_AMOUNT, INVALID_TIMESTAMP -> 3;
            default -> 4;
        };
    }

    private static Rejection map(ValidationMessage m, Paths paths, Map<String, String> hints) {
        String keyword = m.getType();
        String def = definition(m);
        String at = m.getInstanceLocation().toString();
        if ("userIdentity".equals(def)) {
            // reported on the object: a "type" failure inside the rule points at its userId/anonymousId member
            String object = "type".equals(keyword) ? at.substring(0, Math.max(0, at.lastIndexOf('/'))) : at;
            return new Rejection(RejectionCode.MISSING_IDENTITY, paths.map(object),
                    "a user event needs a non-null userId or anonymousId (or both)");
        }
        if ("type".equals(keyword)) {
            String path = paths.map(at);
            return new Rejection(RejectionCode.WRONG_TYPE, path,
                    quoted(path) + " must be " + expected(m.getSchemaNode()) + ", but is " + describe(m.getInstanceNode()));
        }
        if ("required".equals(keyword)) {
            String member = m.getProperty();
            String path = paths.map(at + "/" + escape(member));
            String hint = hints.get(member);
            return new Rejection(RejectionCode.MISSING_FIELD, path,
                    hint != null ? hint : "required member " + quoted(path) + " is missing");
        }
        if ("additionalProperties".equals(keyword)) {
            String path = paths.map(at + "/" + escape(m.getProperty()));
            return new Rejection(RejectionCode.SCHEMA_VIOLATION, path, "unknown member " + quoted(path)
                    + " (not part of the contract; custom data goes in properties or context)");
        }
        String path = paths.map(at);
        String name = quoted(path);
        if (def != null) {
            switch (def) {
                case "identifier", "optionalIdentifier" -> {
                    return new Rejection(RejectionCode.INVALID_IDENTIFIER, path, name + " " + textRule(keyword));
                }
                case "label", "optionalLabel" -> {
                    return new Rejection(RejectionCode.SCHEMA_VIOLATION, path, name + " " + textRule(keyword));
                }
                case "amount" -> {
                    String why = switch (keyword) {
                        case "exclusiveMinimum", "minimum" -> "must be greater than 0";
                        case "maximum" -> "is larger than the maximum of 1000000000000";
                        default -> stripPointer(m);
                    };
                    return new Rejection(RejectionCode.INVALID_AMOUNT, path,
                            name + " " + why + " (got " + abbreviate(m.getInstanceNode().toString()) + ")");
                }
                case "timestamp" -> {
                    return new Rejection(RejectionCode.INVALID_TIMESTAMP, path,
                            name + " is not an RFC 3339 timestamp (e.g. 2026-11-20T10:00:00Z)");
                }
                case "date" -> {
                    return new Rejection(RejectionCode.INVALID_TIMESTAMP, path,
                            name + " is not a date YYYY-MM-DD: " + abbreviate(m.getInstanceNode().toString()));
                }
                case "currency" -> {
                    return new Rejection(RejectionCode.SCHEMA_VIOLATION, path,
                            name + " must be an upper-case ISO 4217 code such as USD, not "
                                    + abbreviate(m.getInstanceNode().toString()));
                }
                default -> { /* generic below */ }
            }
        }
        return new Rejection(RejectionCode.SCHEMA_VIOLATION, path, name + ": " + stripPointer(m));
    }

    private static String textRule(String keyword) {
        return switch (keyword) {
            case "minLength" -> "must not be empty";
            case "maxLength" -> "is longer than 256 characters";
            case "not", "pattern" -> "contains a control character (U+0000–U+001F or U+007F–U+009F)";
            default -> "is not valid";
        };
    }

    /** The name of the shared definition in defs.schema.json the failing keyword belongs to, or null. */
    private static String definition(ValidationMessage m) {
        String location = String.valueOf(m.getSchemaLocation());
        int i = location.indexOf(DEFS);
        if (i < 0) return null;
        int start = i + DEFS.length();
        int end = location.indexOf('/', start);
        return end < 0 ? location.substring(start) : location.substring(start, end);
    }

    /** The validator's message without its leading "pointer: ". */
    static String stripPointer(ValidationMessage m) {
        String message = m.getMessage();
        String prefix = m.getInstanceLocation() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String expected(JsonNode typeKeyword) {
        if (typeKeyword == null) return "of another type";
        if (typeKeyword.isTextual()) return article(typeKeyword.textValue());
        if (typeKeyword.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < typeKeyword.size(); i++) {
                if (i > 0) sb.append(i == typeKeyword.size() - 1 ? " or " : ", ");
                sb.append(article(typeKeyword.get(i).asText()));
            }
            return sb.toString();
        }
        if (typeKeyword.has("type")) return expected(typeKeyword.get("type"));
        return "of another type";
    }

    private static String article(String jsonType) {
        return switch (jsonType) {
            case "null" -> "null";
            case "object", "array", "integer" -> "an " + jsonType;
            default -> "a " + jsonType;
        };
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) return "absent";
        if (node.isNull()) return "null";
        if (node.isTextual()) return "a string";
        if (node.isNumber()) return "a number";
        if (node.isBoolean()) return "a boolean";
        if (node.isArray()) return "an array";
        if (node.isObject()) return "an object";
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** 'name' for the last segment of a pointer ("the document" for ""). */
    static String quoted(String pointer) {
        if (pointer.isEmpty()) return "the document";
        int i = pointer.lastIndexOf('/');
        return "'" + unescape(pointer.substring(i + 1)) + "'";
    }

    static String escape(String member) {
        if (member.indexOf('~') < 0 && member.indexOf('/') < 0) return member;
        return member.replace("~", "~0").replace("/", "~1");
    }

    static String unescape(String segment) {
        if (segment.indexOf('~') < 0) return segment;
        return segment.replace("~1", "/").replace("~0", "~");
    }

    static String abbreviate(String s) {
        if (s.length() <= 80) return s;
        int end = Character.isHighSurrogate(s.charAt(76)) ? 76 : 77;
        return s.substring(0, end) + "…";
    }
}
