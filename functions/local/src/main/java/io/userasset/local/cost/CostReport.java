package io.userasset.local.cost;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a run consumed, service by service, as measured (DynamoDB units as DynamoDB reported them,
 * requests as the counting clients saw them, handler time as the pollers measured it), and what it
 * would cost on AWS at the price table's on-demand prices, total and per million events sent.
 */
public record CostReport(Usage usage, PriceTable prices, long eventsSent, Map<String, Double> costByService) {

    /** S3 operations billed in the PUT, COPY, POST, LIST class; DELETE is free; everything else is GET class. */
    static final Set<String> S3_PUT_CLASS = Set.of("PutObject", "CopyObject", "PostObject", "ListObjects", "ListObjectsV2",
            "ListBuckets", "CreateBucket", "CreateMultipartUpload", "UploadPart", "UploadPartCopy", "CompleteMultipartUpload",
            "ListMultipartUploads", "ListParts", "ListObjectVersions");
    static final Set<String> S3_FREE = Set.of("DeleteObject", "DeleteObjects", "AbortMultipartUpload");

    public record FunctionUsage(long invocations, double seconds, int memoryMb) {
        public double gbSeconds() {
            return seconds * memoryMb / 1024.0;
        }
    }

    public record Usage(double writeUnits, double readUnits, Map<String, Long> dynamoRequests, Map<String, Long> sqsRequests,
                        Map<String, Long> s3Requests, long eventBridgeEvents, long putEventsCalls,
                        Map<String, FunctionUsage> lambda) {

        public long sqsTotal() {
            return sqsRequests.values().stream().mapToLong(Long::longValue).sum();
        }

        public long s3PutClass() {
            return s3Requests.entrySet().stream().filter(e -> S3_PUT_CLASS.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        }

        public long s3GetClass() {
            return s3Requests.entrySet().stream().filter(e -> !S3_PUT_CLASS.contains(e.getKey()) && !S3_FREE.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        public long lambdaInvocations() {
            return lambda.values().stream().mapToLong(FunctionUsage::invocations).sum();
        }

        public double lambdaGbSeconds() {
            return lambda.values().stream().mapToDouble(FunctionUsage::gbSeconds).sum();
        }
    }

    public static CostReport of(Usage u, PriceTable p, long eventsSent) {
        Map<String, Double> cost = new LinkedHashMap<>();
        cost.put("dynamodb", u.writeUnits() / 1e6 * p.dynamoWritePerMillion() + u.readUnits() / 1e6 * p.dynamoReadPerMillion());
        cost.put("sqs", u.sqsTotal() / 1e6 * p.sqsPerMillion());
        cost.put("eventbridge", u.eventBridgeEvents() / 1e6 * p.eventBridgePerMillion());
        cost.put("s3", u.s3PutClass() / 1e3 * p.s3PutPerThousand() + u.s3GetClass() / 1e3 * p.s3GetPerThousand());
        cost.put("lambda", u.lambdaInvocations() / 1e6 * p.lambdaRequestsPerMillion() + u.lambdaGbSeconds() * p.lambdaGbSecond());
        return new CostReport(u, p, eventsSent, cost);
    }

    public double totalUsd() {
        return costByService.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Projected cost of one million events at this run's mix and rates. */
    public double perMillionEventsUsd() {
        return eventsSent == 0 ? 0 : totalUsd() / eventsSent * 1e6;
    }

    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        ObjectNode ddb = n.putObject("dynamodb");
        ddb.put("writeUnits", round(usage.writeUnits()));
        ddb.put("readUnits", round(usage.readUnits()));
        ObjectNode ddbOps = ddb.putObject("requestsByOperation");
        usage.dynamoRequests().forEach(ddbOps::put);
        ObjectNode sqs = n.putObject("sqs");
        sqs.put("requests", usage.sqsTotal());
        ObjectNode sqsOps = sqs.putObject("requestsByOperation");
        usage.sqsRequests().forEach(sqsOps::put);
        ObjectNode s3 = n.putObject("s3");
        s3.put("putClassRequests", usage.s3PutClass());
        s3.put("getClassRequests", usage.s3GetClass());
        ObjectNode s3Ops = s3.putObject("requestsByOperation");
        usage.s3Requests().forEach(s3Ops::put);
        ObjectNode eb = n.putObject("eventbridge");
        eb.put("events", usage.eventBridgeEvents());
        eb.put("putEventsCalls", usage.putEventsCalls());
        ObjectNode lambda = n.putObject("lambda");
        lambda.put("invocations", usage.lambdaInvocations());
        lambda.put("gbSeconds", round(usage.lambdaGbSeconds()));
        ObjectNode fns = lambda.putObject("byFunction");
        usage.lambda().forEach((name, fu) -> {
            ObjectNode x = fns.putObject(name);
            x.put("invocations", fu.invocations());
            x.put("handlerSeconds", round(fu.seconds()));
            x.put("memoryMb", fu.memoryMb());
            x.put("gbSeconds", round(fu.gbSeconds()));
        });
        ObjectNode projected = n.putObject("projected");
        projected.put("currency", prices.currency());
        projected.put("eventsSent", eventsSent);
        projected.put("totalUsd", round(totalUsd()));
        projected.put("perMillionEventsUsd", round(perMillionEventsUsd()));
        ObjectNode per = projected.putObject("perMillionEventsByServiceUsd");
        costByService.forEach((k, v) -> per.put(k, round(eventsSent == 0 ? 0 : v / eventsSent * 1e6)));
        ObjectNode pr = n.putObject("prices");
        pr.put("table", prices.name());
        pr.put("region", prices.region());
        pr.put("recorded", prices.recorded());
        pr.put("source", prices.source());
        return n;
    }

    static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
