package io.userasset.bench;

import io.userasset.domain.clv.BgNbdFit;
import io.userasset.domain.clv.BgNbdParameters;
import io.userasset.domain.clv.ClvFitter;
import io.userasset.domain.clv.ClvScorer;
import io.userasset.domain.clv.CustomerSummary;
import io.userasset.domain.clv.FitOptions;
import io.userasset.domain.clv.FrequencyStats;
import io.userasset.domain.clv.GammaGammaFit;
import io.userasset.domain.clv.GammaGammaParameters;
import io.userasset.domain.clv.PurchaseModelType;
import io.userasset.domain.clv.SpendStats;
import io.userasset.domain.clv.simulation.CohortSimulator;
import io.userasset.domain.clv.simulation.SimulatedCohort;
import io.userasset.domain.clv.simulation.SimulationSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fit-time benchmark of the CLV models (docs/benchmarks.md, "Model fitting"). Prints the figures;
 * asserts nothing. Simulated CDNOW-like cohorts (12-week acquisition, 39-week calibration, purchase
 * days), grouped statistics; after a global JIT warm-up, median of {@value #RUNS} timed fits after
 * {@value #WARMUP} more warm-up fits per case. Then the CDNOW logs, scoring throughput, and the bias that purchase-day
 * recording adds to the fitted parameters at 10^6 customers.
 */
public final class ModelFitBenchmark {
    static final int WARMUP = 3;
    static final int RUNS = 7;

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        System.out.printf("java %s (%s), %d available processors, max heap %d MiB%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        BgNbdParameters truth = BgNbdParameters.CDNOW_BGNBD_WEEKS;
        GammaGammaParameters spendTruth = GammaGammaParameters.CDNOW_USD;

        // JIT warm-up on a separate cohort before anything is timed (≈ 2–4 s)
        SimulatedCohort warm = CohortSimulator.simulate(SimulationSpec.cdnowLike(truth, spendTruth, 100_000, 1));
        FrequencyStats warmStats = warm.frequencyStats();
        SpendStats warmSpend = warm.spendStats(SpendStats.DEFAULT_BIN_RELATIVE_WIDTH);
        for (int i = 0; i < 30; i++) {
            for (PurchaseModelType type : PurchaseModelType.values()) {
                ClvFitter.fitPurchaseModel(warmStats, type, 7, 50, BgNbdParameters.defaults(type, 7), FitOptions.DEFAULT);
            }
            ClvFitter.fitGammaGamma(warmSpend, 50, GammaGammaParameters.CDNOW_USD, FitOptions.DEFAULT);
        }

        System.out.println();
        System.out.println("| customers | distinct (x,t_x,T) | simulate | build stats | stats bytes | model | iterations | fit median (min–max) | fit without SEs, median |");
        System.out.println("|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        for (int n : new int[] {10_000, 100_000, 1_000_000}) {
            long t0 = System.nanoTime();
            SimulatedCohort cohort = CohortSimulator.simulate(SimulationSpec.cdnowLike(truth, spendTruth, n, 42));
            long t1 = System.nanoTime();
            FrequencyStats stats = cohort.frequencyStats();
            long t2 = System.nanoTime();
            for (PurchaseModelType type : PurchaseModelType.values()) {
                BgNbdParameters fb = BgNbdParameters.defaults(type, 7);
                Supplier<BgNbdFit> withSe = () -> ClvFitter.fitPurchaseModel(stats, type, 7, 50, fb, FitOptions.DEFAULT);
                Supplier<BgNbdFit> noSe = () -> ClvFitter.fitPurchaseModel(stats, type, 7, 50, fb, new FitOptions(200, 1e-9, false));
                Timing a = time(withSe);
                Timing b = time(noSe);
                BgNbdFit fit = withSe.get();
                System.out.printf("| %,d | %,d | %.0f ms | %.0f ms | %,d | %s | %d | %.1f ms (%.1f–%.1f) | %.1f ms |%n", n,
                        stats.distinctTuples(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, stats.toBytes().length, type.id(),
                        fit.iterations(), a.median, a.min, a.max, b.median);
            }
            SpendStats spend = cohort.spendStats(SpendStats.DEFAULT_BIN_RELATIVE_WIDTH);
            Supplier<GammaGammaFit> gg = () -> ClvFitter.fitGammaGamma(spend, 50, GammaGammaParameters.CDNOW_USD, FitOptions.DEFAULT);
            Timing g = time(gg);
            GammaGammaFit gfit = gg.get();
            System.out.printf("| %,d (%,d repeaters) | %,d (x, bin) | | | %,d | gamma-gamma | %d | %.1f ms (%.1f–%.1f) | |%n", n,
                    spend.customers(), spend.distinctTuples(), spend.toBytes().length, gfit.iterations(), g.median, g.min, g.max);
        }

        cdnow();
        scoring(truth, spendTruth);
        recordingBias(truth);
    }

    record Timing(double median, double min, double max) {}

    static <T> Timing time(Supplier<T> run) {
        for (int i = 0; i < WARMUP; i++) run.get();
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            run.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new Timing(ms[RUNS / 2], ms[0], ms[RUNS - 1]);
    }

    // ---- CDNOW -----------------------------------------------------------------------------------

    static void cdnow() throws IOException {
        Path dir = datasetDir();
        System.out.println();
        System.out.println("| CDNOW file | customers | repeaters | model | parameters (SE) | LL | iterations | fit median |");
        System.out.println("|---|---:|---:|---|---|---:|---:|---:|");
        for (String file : new String[] {"CDNOW_sample.txt", "CDNOW_master.txt"}) {
            List<CustomerSummary> customers = readCdnow(dir.resolve("cdnow").resolve(file), file.contains("sample"));
            FrequencyStats.Builder fb = FrequencyStats.builder();
            SpendStats.Builder sb = SpendStats.builder();
            for (CustomerSummary c : customers) {
                fb.add(c);
                sb.add(c);
            }
            FrequencyStats stats = fb.build();
            SpendStats spend = sb.build();
            for (PurchaseModelType type : PurchaseModelType.values()) {
                Supplier<BgNbdFit> run = () -> ClvFitter.fitPurchaseModel(stats, type, 7, 50, BgNbdParameters.defaults(type, 7), FitOptions.DEFAULT);
                Timing t = time(run);
                BgNbdFit f = run.get();
                BgNbdFit.StandardErrors se = f.standardErrors();
                System.out.printf("| %s | %,d | %,d | %s | r=%.4f (%.4f), α=%.4f (%.4f), a=%.4f (%.4f), b=%.4f (%.4f) | %.2f | %d | %.1f ms |%n",
                        file, stats.customers(), stats.repeaters(), type.id(), f.r(), se.r(), f.alpha(), se.alpha(), f.a(), se.a(),
                        f.b(), se.b(), f.logLikelihood(), f.iterations(), t.median);
            }
            Supplier<GammaGammaFit> run = () -> ClvFitter.fitGammaGamma(spend, 50, GammaGammaParameters.CDNOW_USD, FitOptions.DEFAULT);
            Timing t = time(run);
            GammaGammaFit g = run.get();
            GammaGammaFit.StandardErrors se = g.standardErrors();
            System.out.printf("| %s | %,d | | gamma-gamma | p=%.4f (%.4f), q=%.4f (%.4f), γ=%.4f (%.4f) | %.2f | %d | %.1f ms |%n",
                    file, g.customers(), g.p(), se.p(), g.q(), se.q(), g.gamma(), se.gamma(), g.logLikelihood(), g.iterations(), t.median);
        }
    }

    static Path datasetDir() {
        String root = System.getProperty("userasset.projectRoot");
        List<Path> candidates = new ArrayList<>();
        if (root != null) candidates.add(Path.of(root).resolve("../shared/datasets"));
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) candidates.add(d.resolve("../shared/datasets"));
        for (Path p : candidates) if (Files.isDirectory(p.resolve("cdnow"))) return p.normalize();
        throw new IllegalStateException("../shared/datasets not found (set -Duserasset.projectRoot=<project root>)");
    }

    /** CDNOW log → purchase-day summaries as of 1997-09-30 (sample: id sample_id date cds $; master: header, id date cds $). */
    static List<CustomerSummary> readCdnow(Path file, boolean sample) throws IOException {
        Map<String, List<double[]>> byCustomer = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !Character.isDigit(f[0].charAt(0))) continue;
            String d = sample ? f[2] : f[1];
            long day = LocalDate.of(Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
                    Integer.parseInt(d.substring(6, 8))).toEpochDay();
            byCustomer.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new double[] {day, Double.parseDouble(sample ? f[4] : f[3])});
        }
        long asOf = LocalDate.of(1997, 9, 30).toEpochDay();
        List<CustomerSummary> out = new ArrayList<>();
        for (List<double[]> rows : byCustomer.values()) {
            long[] days = new long[rows.size()];
            double[] amounts = new double[rows.size()];
            for (int i = 0; i < days.length; i++) {
                days[i] = (long) rows.get(i)[0];
                amounts[i] = rows.get(i)[1];
            }
            out.add(CustomerSummary.fromPurchases(days, amounts, asOf));
        }
        return out;
    }

    // ---- scoring ---------------------------------------------------------------------------------

    static void scoring(BgNbdParameters truth, GammaGammaParameters spendTruth) {
        SimulatedCohort cohort = CohortSimulator.simulate(SimulationSpec.cdnowLike(truth, spendTruth, 100_000, 7));
        for (PurchaseModelType type : PurchaseModelType.values()) {
            ClvScorer scorer = new ClvScorer(BgNbdParameters.defaults(type, 7), spendTruth, 90, 0.10);
            double sink = 0;
            for (int w = 0; w < 3; w++) for (int i = 0; i < cohort.size(); i++) sink += scorer.score(cohort.customer(i)).clv();
            long t0 = System.nanoTime();
            for (int i = 0; i < cohort.size(); i++) sink += scorer.score(cohort.customer(i)).clv();
            double us = (System.nanoTime() - t0) / 1e3 / cohort.size();
            System.out.printf("%nscoring (%s, 90-day discounted CLV, all scores): %.2f µs per user over %,d simulated users (checksum %.1f)%n",
                    type.id(), us, cohort.size(), sink);
        }
    }

    // ---- day recording bias ----------------------------------------------------------------------

    static void recordingBias(BgNbdParameters truth) {
        System.out.println();
        System.out.println("| 10^6 customers, CDNOW BG/NBD truth | r | α | a | b |");
        System.out.println("|---|---:|---:|---:|---:|");
        System.out.printf("| truth | %.3f | %.3f | %.3f | %.3f |%n", truth.r(), truth.alpha(), truth.a(), truth.b());
        for (SimulationSpec.Recording rec : SimulationSpec.Recording.values()) {
            SimulatedCohort c = CohortSimulator.simulate(new SimulationSpec(truth, null, 1_000_000, 84, 272, 0, 42, rec));
            BgNbdFit f = ClvFitter.fitPurchaseModel(c.frequencyStats(), PurchaseModelType.BGNBD, 7, 50, truth, FitOptions.DEFAULT);
            BgNbdFit.StandardErrors se = f.standardErrors();
            System.out.printf("| %s | %.4f (%+.1f %%, %+.1f SE) | %.3f (%+.1f %%, %+.1f SE) | %.4f (%+.1f %%, %+.1f SE) | %.3f (%+.1f %%, %+.1f SE) |%n",
                    rec, f.r(), pct(f.r(), truth.r()), (f.r() - truth.r()) / se.r(),
                    f.alpha(), pct(f.alpha(), truth.alpha()), (f.alpha() - truth.alpha()) / se.alpha(),
                    f.a(), pct(f.a(), truth.a()), (f.a() - truth.a()) / se.a(),
                    f.b(), pct(f.b(), truth.b()), (f.b() - truth.b()) / se.b());
        }
    }

    static double pct(double est, double truth) {
        return 100 * (est / truth - 1);
    }
}
