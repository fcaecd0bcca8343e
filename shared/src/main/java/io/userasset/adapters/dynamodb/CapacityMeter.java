package io.userasset.adapters.dynamodb;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Consumed read/write capacity and request counts, as DynamoDB reported them (ReturnConsumedCapacity). */
public final class CapacityMeter {
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    void record(String operation, Double read, Double write, Double total) {
        requests.computeIfAbsent(operation, k -> new LongAdder()).increment();
        // Some responses split read and write units; others only give the total for the operation's kind.
        if (read != null || write != null) {
            if (read != null) readUnits.add(read);
            if (write != null) writeUnits.add(write);
        } else if (total != null) {
            if (isWrite(operation)) writeUnits.add(total);
            else readUnits.add(total);
        }
    }

    private static boolean isWrite(String operation) {
        return operation.startsWith("Put") || operation.startsWith("Update") || operation.startsWith("Delete")
                || operation.startsWith("BatchWrite") || operation.startsWith("TransactWrite");
    }

    public double readUnits() {
        return readUnits.sum();
    }

    public double writeUnits() {
        return writeUnits.sum();
    }

    public long requests(String operation) {
        LongAdder a = requests.get(operation);
        return a == null ? 0 : a.sum();
    }

    public Map<String, Long> requestsByOperation() {
        Map<String, Long> out = new TreeMap<>();
        requests.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        readUnits.reset();
        writeUnits.reset();
        requests.clear();
    }
}
