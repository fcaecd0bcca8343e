package io.userasset.bench;

import io.userasset.adapters.dynamodb.ProfileItem;
import io.userasset.adapters.dynamodb.ProfileItems;
import io.userasset.application.CurrentModels;
import io.userasset.application.IngestReport;
import io.userasset.application.IngestService;
import io.userasset.application.InputRecord;
import io.userasset.application.ProfileWriter;
import io.userasset.application.RecordOutcome;
import io.userasset.config.EngineConfig;
import io.userasset.domain.assessment.ModelSet;
import io.userasset.domain.assessment.ProfileAssessor;
import io.userasset.domain.profile.ProfileFold;
import io.userasset.domain.time.Days;
import io.userasset.events.EventParser;
import io.userasset.events.ParseResult;
import io.userasset.events.ProfileKey;
import io.userasset.ports.AcquisitionCostStore;
import io.userasset.ports.ModelStore;
import io.userasset.ports.StoredProfile;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Ingest CPU (docs/benchmarks.md, "Ingest"): thread CPU time of the whole ingest path of a batch —
 * parse + validate + group + fold + score + encode — per event, EXCLUDING DynamoDB round trips: the
 * engine's own {@link IngestService} and {@link ProfileWriter}, single-threaded (pool = null), with
 * the profile store replaced by {@link InMemoryProfileStore} (an implementation of the engine's
 * ProfileStore port that keeps DynamoDB items and converts them with the DynamoDB adapter's code).
 * Users Zipf(1.1) over 100,000 pre-populated realistic profiles; the same event stream generator as
 * the capacity benchmark. After a JIT warm-up on other events, each round starts from the same
 * 100,000 profiles and processes the same measured events; median (min–max) of {@value #ROUNDS} rounds.
 * Prints Markdown; asserts nothing.
 *
 * <p>The heaviest users' profiles grow during a round (each keyed event — order, refund, share, post,
 * referral — leaves a 9-byte deduplication key for 35 days), so the figures depend on the events per
 * round; the last column shows the top user's item at the end of a round.
 *
 * <p>Arguments (optional): measured events per round (default 20000, as the capacity benchmark),
 * warm-up events per batch size (default 150000).
 */
public final class IngestCpuBenchmark {
    static final int ROUNDS = 7;

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int warmupEvents = args.length > 1 ? Integer.parseInt(args[1]) : 150_000;
        int[] sizes = {10, 100, 1000};
        Machine.printHeader("IngestCpuBenchmark");
        System.out.println("JVM arguments: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        EngineConfig config = EngineConfig.defaults();
        Days days = new Days(config.time().zoneId());
        int lastDay = days.dayOf(IngestCapacityBenchmark.NOW) - 1;
        Population population = new Population(config, lastDay, IngestCapacityBenchmark.POPULATION_SEED);
        long t0 = System.nanoTime();
        Map<String, Map<String, AttributeValue>> pristine = new HashMap<>(IngestCapacityBenchmark.USERS * 2);
        for (int i = 0; i < IngestCapacityBenchmark.USERS; i++) {
            ProfileItem item = ProfileItems.toItem(population.profile(i), ProfileItems.INGEST);
            pristine.put(item.getPk(), ProfileItem.SCHEMA.itemToMap(item, true));
        }
        System.out.printf("%,d profiles generated in %.1f s%n", pristine.size(), (System.nanoTime() - t0) / 1e9);

        Clock clock = Clock.fixed(IngestCapacityBenchmark.NOW, ZoneOffset.UTC);
        EventParser parser = new EventParser(config.events(), clock);
        ProfileFold fold = new ProfileFold(days, config.profile().dedupHorizonDays(), config.rfm().windowDays());
        Zipf zipf = new Zipf(IngestCapacityBenchmark.USERS, IngestCapacityBenchmark.ZIPF_S);

        Map<Integer, List<List<InputRecord>>> warm = new HashMap<>();
        Map<Integer, List<List<InputRecord>>> measured = new HashMap<>();
        Map<Integer, Double> distinct = new HashMap<>();
        for (int size : sizes) {
            warm.put(size, batches(new LiveEvents(zipf, 500 + size, IngestCapacityBenchmark.NOW, "w" + size + "-"),
                    size, warmupEvents, null));
            double[] d = new double[1];
            measured.put(size, batches(new LiveEvents(zipf, 1000 + size, IngestCapacityBenchmark.NOW, "b" + size + "-"),
                    size, events, d));
            distinct.put(size, d[0]);
        }

        // JIT warm-up: every batch size on its own events, then the parser alone
        for (int size : sizes) {
            IngestService service = service(config, days, clock, parser, fold, new InMemoryProfileStore(pristine, fold.windowWeeks()));
            for (List<InputRecord> batch : warm.get(size)) check(service.process(batch));
            for (List<InputRecord> batch : warm.get(size)) for (InputRecord r : batch) parser.parse(r.payload());
        }

        System.out.println();
        System.out.println("| batch size | events per round | distinct users/batch | profile writes/event | key-archive loads / writes per event | whole path, CPU µs/event median (min–max) | wall µs/event | parse + validate | load: item → profile (decode) | write: profile → item (encode) | score (est.) | group + fold + rest | top user's item at round end |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        ProfileAssessor assessor = new ProfileAssessor(config, ModelSet.defaults(config));
        for (int size : sizes) {
            List<List<InputRecord>> batches = measured.get(size);
            int n = batches.stream().mapToInt(List::size).sum();
            double[] cpu = new double[ROUNDS];
            double[] wall = new double[ROUNDS];
            double[] parse = new double[ROUNDS];
            double[] decode = new double[ROUNDS];
            double[] encode = new double[ROUNDS];
            double writesPerEvent = 0;
            String archivesPerEvent = "";
            InMemoryProfileStore last = null;
            for (int r = 0; r < ROUNDS; r++) {
                InMemoryProfileStore store = new InMemoryProfileStore(pristine, fold.windowWeeks());
                IngestService service = service(config, days, clock, parser, fold, store);
                System.gc();
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (List<InputRecord> batch : batches) check(service.process(batch));
                long w1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                cpu[r] = (c1 - c0) / 1e3 / n;
                wall[r] = (w1 - w0) / 1e3 / n;
                decode[r] = store.decodeNanos / 1e3 / n;
                encode[r] = store.encodeNanos / 1e3 / n;
                writesPerEvent = store.writes / (double) n;
                archivesPerEvent = String.format("%.4f / %.4f", store.archiveLoads / (double) n, store.archiveWrites / (double) n);
                long p0 = threads.getCurrentThreadCpuTime();
                int accepted = 0;
                for (List<InputRecord> batch : batches) {
                    for (InputRecord rec : batch) if (parser.parse(rec.payload()) instanceof ParseResult.Accepted) accepted++;
                }
                parse[r] = (threads.getCurrentThreadCpuTime() - p0) / 1e3 / n;
                if (accepted != n) throw new IllegalStateException("parser rejected " + (n - accepted) + " events");
                last = store;
            }
            double score = scoreMicros(assessor, last, zipf, lastDay + 1) * writesPerEvent;
            double total = median(cpu);
            System.out.printf("| %,d | %,d | %.1f | %.3f | %s | **%.2f** (%.2f–%.2f) | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %,d B |%n",
                    size, n, distinct.get(size), writesPerEvent, archivesPerEvent, total, min(cpu), max(cpu), median(wall), median(parse),
                    median(decode), median(encode), score,
                    total - median(parse) - median(decode) - median(encode) - score,
                    ProfileLoader.itemBytes(last.item(ProfileKey.user(Population.userId(0)).storageKey())));
        }
        System.out.println();
        System.out.println("score (est.) = CPU of ProfileAssessor.assess per call, timed separately on 20,000 Zipf-drawn profiles"
                + " as the rounds left them, × profile writes per event.");
    }

    private static IngestService service(EngineConfig config, Days days, Clock clock, EventParser parser, ProfileFold fold,
                                         InMemoryProfileStore store) {
        ModelStore noModels = new ModelStore() {
            public Optional<ModelSet> latest() { return Optional.empty(); }
            public Optional<ModelSet> forDay(int day) { return Optional.empty(); }
            public Optional<ModelSet> latestBefore(int day) { return Optional.empty(); }
            public void publish(ModelSet models) { throw new UnsupportedOperationException(); }
        };
        AcquisitionCostStore noCosts = new AcquisitionCostStore() {
            public void record(List<io.userasset.events.Event> costEvents) {}
            public Map<String, Long> costsBetween(LocalDate first, LocalDate last) { return Map.of(); }
        };
        CurrentModels models = new CurrentModels(config, noModels, clock, Duration.ofMinutes(5));
        ProfileWriter writer = new ProfileWriter(store, store, fold, models, clock, config.profile().inlineDedupKeys(),
                config.profile().anonymousTtlDays());
        return new IngestService(parser::parse, fold, writer, store, store, rejected -> {
            throw new IllegalStateException("unexpected rejects: " + rejected.get(0).rejection());
        }, noCosts, null, clock);
    }

    private static void check(IngestReport report) {
        for (RecordOutcome o : report.outcomes().values()) {
            if (o == RecordOutcome.FAILED || o == RecordOutcome.REJECTED) throw new IllegalStateException("outcome " + o);
        }
    }

    private static List<List<InputRecord>> batches(LiveEvents live, int size, int events, double[] distinctOut) {
        List<List<InputRecord>> out = new ArrayList<>();
        long distinct = 0;
        for (int sent = 0; sent < events; sent += size) {
            LiveEvents.Batch b = live.next(size);
            distinct += b.distinctUsers();
            List<InputRecord> records = new ArrayList<>(size);
            int i = 0;
            for (String body : b.bodies()) records.add(new InputRecord("m-" + (sent + i++), body.getBytes(StandardCharsets.UTF_8)));
            out.add(records);
        }
        if (distinctOut != null) distinctOut[0] = distinct / (double) out.size();
        return out;
    }

    /** CPU µs of one ProfileAssessor.assess on Zipf-drawn profiles (the users ingest writes most often). */
    private static double scoreMicros(ProfileAssessor assessor, InMemoryProfileStore store, Zipf zipf, int asOf) {
        SplittableRandom random = new SplittableRandom(99);
        List<StoredProfile> sample = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            sample.add(store.loadLatest(ProfileKey.user(Population.userId(zipf.sample(random)))));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] micros = new double[5];
        long sink = 0;
        for (int pass = 0; pass < 3 + micros.length; pass++) {
            long c0 = threads.getCurrentThreadCpuTime();
            for (StoredProfile p : sample) sink += assessor.assess(p.facts(), asOf, p.scores()).frequency();
            if (pass >= 3) micros[pass - 3] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / sample.size();
        }
        if (sink == 42) System.out.print("");
        return median(micros);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
