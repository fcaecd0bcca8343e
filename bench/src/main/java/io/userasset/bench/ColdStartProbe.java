package io.userasset.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.userasset.functions.ingest.SqsIngestHandler;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cold start of the SQS ingest function as a whole process (docs/benchmarks.md, "Ingest"; run by
 * bench/cold-start.sh). Runs on a classpath of function.jar plus this class only — what Lambda
 * loads — and builds the handler the way Lambda does ({@code new SqsIngestHandler()} →
 * {@code Engine.fromEnvironment()}), with the environment pointing at a DynamoDB Local server in
 * another process. Handles one batch of 10 events (new users, so 10 conditional writes), then a
 * second batch of 10 in the same process (warm). Prints one line:
 * {@code coldstart jvmToMain=… mainToHandler=… handlerToFirst=… jvmToFirst=… second=… failures=…}
 * (milliseconds). The JVM start time is read only at the end (RuntimeMXBean), so loading the
 * management classes does not delay the measured path. Uses only classes of function.jar and the JDK.
 */
public final class ColdStartProbe {
    public static void main(String[] args) {
        long mainMillis = System.currentTimeMillis();
        long mainNanos = System.nanoTime();
        String run = args.length > 0 ? args[0] : Long.toString(mainMillis);

        SqsIngestHandler handler = new SqsIngestHandler();
        long constructed = System.nanoTime();
        SQSBatchResponse first = handler.handleRequest(batch(run, 0), null);
        long firstDone = System.nanoTime();
        SQSBatchResponse second = handler.handleRequest(batch(run, 1), null);
        long secondDone = System.nanoTime();

        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        double jvmToMain = mainMillis - jvmStart;
        System.out.printf(Locale.ROOT, "coldstart jvmToMain=%.0f mainToHandler=%.1f handlerToFirst=%.1f jvmToFirst=%.1f second=%.1f failures=%d%n",
                jvmToMain, (constructed - mainNanos) / 1e6, (firstDone - constructed) / 1e6,
                jvmToMain + (firstDone - mainNanos) / 1e6, (secondDone - firstDone) / 1e6,
                first.getBatchItemFailures().size() + second.getBatchItemFailures().size());
        System.out.flush();
        System.exit(0);
    }

    /** 10 native events of 7 users new to the table (run-specific ids): sessions, orders, a share, a registration. */
    private static SQSEvent batch(String run, int round) {
        String[] types = {"user_registered", "session_started", "order_paid", "session_started", "content_shared",
                "order_paid", "session_started", "content_posted", "session_started", "order_paid"};
        Instant now = Instant.now();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "cs-" + run + "-" + round + "-" + i;
            String user = "cs-" + run + "-user-" + (i % 7);
            String type = types[i];
            String properties = switch (type) {
                case "user_registered" -> "{\"channel\":\"organic\",\"campaign\":\"winter-sale-2026\"}";
                case "order_paid" -> "{\"orderId\":\"" + id + "-order\",\"amount\":" + (19.9 + i) + ",\"currency\":\"USD\",\"items\":2}";
                case "content_shared" -> "{\"target\":\"whatsapp\",\"productId\":\"p-77\"}";
                case "content_posted" -> "{\"contentId\":\"" + id + "-review\",\"kind\":\"review\",\"rating\":5}";
                default -> "{\"source\":\"ios\",\"screen\":\"home\"}";
            };
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(id);
            m.setBody("{\"eventId\":\"" + id + "\",\"type\":\"" + type + "\",\"userId\":\"" + user
                    + "\",\"anonymousId\":null,\"occurredAt\":\"" + now.minusSeconds(60L * (10 - i)) + "\",\"properties\":"
                    + properties + ",\"context\":{\"app\":{\"name\":\"shop\",\"version\":\"4.2.0\"},\"locale\":\"en-US\"}}");
            m.setEventSource("aws:sqs");
            m.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:ua-ingest");
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
