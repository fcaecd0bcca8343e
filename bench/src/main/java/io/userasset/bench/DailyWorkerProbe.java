package io.userasset.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.userasset.adapters.dynamodb.CapacityMeter;
import io.userasset.application.daily.DailyMessage;
import io.userasset.application.daily.DailyWorker;
import io.userasset.functions.Engine;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One daily worker over the whole profiles table as ONE segment (segments = 1), in a process of its
 * own (run by bench/daily.sh with -Xmx256m, on a classpath of function.jar plus this class only).
 * The engine is built as in Lambda ({@code Engine.fromEnvironment()}), with DynamoDB Local, S3Proxy
 * and ElasticMQ in other processes; the segment runs through {@code engine.dailyWorker().run(...)},
 * what DailyWorkerHandler does per message. Heap: after building the engine, {@code System.gc()} and
 * every heap pool's peak is reset; at the end it reports the sum of the heap pools' peak usage
 * (garbage included: an upper bound of heap in use), the largest heap in use right after a GC (GC
 * notifications: an upper bound of the live set), the old generation's peak, GC count and time, and
 * the bytes the worker thread allocated. Argument: the date to score (YYYY-MM-DD).
 */
public final class DailyWorkerProbe {
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        String date = args[0];
        Engine engine = Engine.fromEnvironment();

        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        AtomicLong maxAfterGc = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPoolNames.contains(e.getKey())) used += e.getValue().getUsed();
                }
                maxAfterGc.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        maxAfterGc.set(0);
        long gcCount0 = gcCount();
        long gcTime0 = gcTime();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long allocated0 = threads.getCurrentThreadAllocatedBytes();
        long cpu0 = os.getProcessCpuTime();
        CapacityMeter meter = engine.capacity();
        meter.reset();

        long t0 = System.nanoTime();
        DailyWorker.Result r = engine.dailyWorker().run(DailyMessage.work(date, DailyMessage.SCORE, 0, 1));
        double seconds = (System.nanoTime() - t0) / 1e9;

        long peakSum = 0;
        StringBuilder pools = new StringBuilder();
        for (MemoryPoolMXBean p : heapPools) {
            long peak = p.getPeakUsage().getUsed();
            peakSum += peak;
            pools.append(String.format(" %s=%.1f", p.getName().replace(' ', '_'), peak / 1048576.0));
        }
        System.out.printf("daily profiles=%d written=%d conflicts=%d seconds=%.1f profilesPerSecond=%.0f maxHeapMiB=%d "
                        + "peakHeapMiB=%.1f maxAfterGcMiB=%.1f gcCount=%d gcMillis=%d allocatedMiB=%.0f allocatedPerProfileKiB=%.1f "
                        + "processCpuSeconds=%.1f scanRequests=%d putItemRequests=%d rcu=%.0f wcu=%.0f poolPeaksMiB:%s%n",
                r.profiles(), r.written(), r.conflicts(), seconds, r.profiles() / seconds, Runtime.getRuntime().maxMemory() >> 20,
                peakSum / 1048576.0, maxAfterGc.get() / 1048576.0, gcCount() - gcCount0, gcTime() - gcTime0,
                (threads.getCurrentThreadAllocatedBytes() - allocated0) / 1048576.0,
                (threads.getCurrentThreadAllocatedBytes() - allocated0) / 1024.0 / Math.max(1, r.profiles()),
                (os.getProcessCpuTime() - cpu0) / 1e9, meter.requests("Scan"), meter.requests("PutItem"),
                meter.readUnits(), meter.writeUnits(), pools);
        System.out.flush();
        System.exit(0);
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcTime() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
