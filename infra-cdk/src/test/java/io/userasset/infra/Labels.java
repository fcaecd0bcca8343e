package io.userasset.infra;

import io.userasset.tables.QueueSpec;
import io.userasset.tables.ResourceCatalog;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Readable names for the logical IDs of a synthesized stack ("table:profiles", "queue:ingest",
 * "bucket"…), and IAM statements rendered with them, so tests compare what a reader compares.
 */
final class Labels {
    private final Map<String, String> byLogicalId = new HashMap<>();
    private final Map<String, Object> resources;

    Labels(UserAssetStack stack, Map<String, Object> resources) {
        this.resources = resources;
        stack.store().tables().forEach((name, t) -> put(stack, t, "table:" + name));
        for (QueueSpec q : ResourceCatalog.QUEUES) {
            if (q.localOnly()) continue;
            put(stack, stack.queues().queue(q), "queue:" + q.logicalName());
            put(stack, stack.queues().dlq(q), "dlq:" + q.logicalName());
        }
        put(stack, stack.actions().streamFailures(), "queue:profile-stream-failures");
        put(stack, stack.daily().triggerFailures(), "queue:daily-trigger-failures");
        stack.ingest().kinesisFailures().ifPresent(q -> put(stack, q, "queue:kinesis-failures"));
        stack.ingest().stream().ifPresent(s -> put(stack, s, "stream"));
        put(stack, stack.lake().bucket(), "bucket");
        put(stack, stack.lake().accessLogs(), "access-log-bucket");
        put(stack, stack.actions().bus(), "bus");
        stack.functions().all().forEach((name, f) -> {
            put(stack, f.function(), "function:" + name);
            put(stack, f.alias(), "alias:" + name);
            put(stack, f.role(), "role:" + name);
            put(stack, f.logGroup(), "logs:" + name);
        });
        stack.getNode().findAll().stream()
                .filter(c -> c.getNode().getPath().endsWith("/Encryption/Key"))
                .forEach(c -> put(stack, c, "key"));
        put(stack, stack.observability().topic(), "topic");
    }

    private void put(Stack stack, IConstruct c, String label) {
        IConstruct child = c.getNode().getDefaultChild();
        CfnElement el = (CfnElement) (child != null ? child : c);
        byLogicalId.put(stack.resolve(el.getLogicalId()).toString(), label);
    }

    String label(String logicalId) {
        String l = byLogicalId.get(logicalId);
        if (l == null) throw new AssertionError("no label for logical id " + logicalId);
        return l;
    }

    String logicalId(String label) {
        return byLogicalId.entrySet().stream().filter(e -> e.getValue().equals(label)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no resource labelled " + label));
    }

    /** A resource reference as text: "table:profiles", "table:profiles/stream", "bucket/rejects/*", "*". */
    @SuppressWarnings("unchecked")
    String render(Object value) {
        if (value instanceof String s) return s;
        if (value instanceof List<?> l) return l.stream().map(this::render).collect(Collectors.joining());
        if (value instanceof Map<?, ?> m) {
            if (m.containsKey("Ref")) {
                String ref = (String) m.get("Ref");
                return ref.startsWith("AWS::") ? "{" + ref + "}" : label(ref);
            }
            if (m.containsKey("Fn::GetAtt")) {
                List<String> ga = (List<String>) m.get("Fn::GetAtt");
                String attr = ga.get(1);
                return label(ga.get(0)) + (attr.equals("Arn") ? "" : "." + attr);
            }
            if (m.containsKey("Fn::Join")) {
                List<Object> join = (List<Object>) m.get("Fn::Join");
                return ((List<Object>) join.get(1)).stream().map(this::render).collect(Collectors.joining((String) join.get(0)));
            }
        }
        return String.valueOf(value);
    }

    /** The statements of every IAM policy attached to a role, each as "Effect action,action… -> resource,… [conditions]", sorted. */
    @SuppressWarnings("unchecked")
    List<String> statements(String roleLabel) {
        String roleId = logicalId(roleLabel);
        List<String> out = new ArrayList<>();
        for (Object r : resources.values()) {
            Map<String, Object> res = (Map<String, Object>) r;
            if (!"AWS::IAM::Policy".equals(res.get("Type"))) continue;
            Map<String, Object> props = (Map<String, Object>) res.get("Properties");
            List<Object> roles = (List<Object>) props.getOrDefault("Roles", List.of());
            if (roles.stream().noneMatch(x -> x instanceof Map<?, ?> m && roleId.equals(m.get("Ref")))) continue;
            Map<String, Object> doc = (Map<String, Object>) props.get("PolicyDocument");
            for (Object s : (List<Object>) doc.get("Statement")) out.add(statement((Map<String, Object>) s));
        }
        out.sort(null);
        return out;
    }

    private String statement(Map<String, Object> s) {
        String actions = asList(s.get("Action")).stream().map(Object::toString).sorted().collect(Collectors.joining(","));
        String res = asList(s.get("Resource")).stream().map(this::render).sorted().collect(Collectors.joining(","));
        String cond = s.containsKey("Condition") ? " if " + new TreeMap<>((Map<?, ?>) s.get("Condition")) : "";
        return s.get("Effect") + " " + actions + " -> " + res + cond;
    }

    private static List<Object> asList(Object o) {
        if (o == null) return List.of();
        if (o instanceof List<?> l) return new ArrayList<>(l);
        return List.of(o);
    }
}
