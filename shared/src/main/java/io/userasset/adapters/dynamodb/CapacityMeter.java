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
    private final Map<String, DoubleAdder> writeUnitsByTable = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    void request(String operation) {
        requests.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    /** Units one table consumed in a request; responses of batch requests give one such entry per table. */
    void consumed(String operation, String table, Double read, Double write, Double total) {
        // Some responses split read and write units; others only give the total for the operation's kind.
        double written = 0;
        if (read != null || write != null) {
            if (read != null) readUnits.add(read);
            if (write != null) written = write;
        } else if (total != null) {
            if (isWrite(operation)) written = total;
            else readUnits.add(total);
        }
        if (written == 0) return;
        writeUnits.add(written);
        if (table != null) writeUnitsByTable.computeIfAbsent(table, k -> new DoubleAdder()).add(written);
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

    /** Write units by table name. */
    public Map<String, Double> writeUnitsByTable() {
        Map<String, Double> out = new TreeMap<>();
        writeUnitsByTable.forEach((k, v) -> out.put(k, v.sum()));
        return out;
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
        writeUnitsByTable.clear();
        requests.clear();
    }
}
