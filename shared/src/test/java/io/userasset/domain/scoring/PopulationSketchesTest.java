package io.userasset.domain.scoring;

import io.userasset.domain.scoring.rfm.CutPoints;
import io.userasset.domain.scoring.rfm.RfmModel;
import io.userasset.domain.scoring.rfm.RfmValues;
import io.userasset.domain.scoring.value.QuantileTable;
import io.userasset.domain.scoring.value.ValueInputs;
import io.userasset.domain.stats.MergeableHistogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Guarantees tested here: (1) the model is a function of the population alone — any partitioning into partials and
 * any merge order (also through the byte form) give a model equal to the unpartitioned one, record for record and
 * byte for byte; (2) cut points and table points are the exact inclusive quantiles (sorted position ⌈r·n⌉) for
 * whole-number metrics up to 1024 and for magnitudes below 1.024, otherwise rounded toward zero by less than
 * {@link PopulationSketches#RELATIVE_ERROR} of the magnitude.
 */
class PopulationSketchesTest {
    static final ScoringConfig CFG = ScoringConfig.defaults();
    static final ScoringConfig SMALL = TestPopulation.smallPopulationConfig();
    static final double W = CFG.value().referralWeight();

    /** One synthetic user: R exponential days, F zero-inflated counts with many ties, M log-normal in cents. */
    record User(RfmValues rfm, ValueInputs value) {}

    /** {@code negativeShare}: share of customers whose net revenue is negative (refunds exceed orders). */
    static List<User> population(long seed, int size, double negativeShare) {
        Random rnd = new Random(seed);
        List<User> users = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            boolean buyer = rnd.nextDouble() < 0.6;
            int f = buyer ? (rnd.nextDouble() < 0.15 ? 0 : 1 + (int) (-Math.log(rnd.nextDouble()) * 1.5)) : 0;
            double m;
            if (!buyer) m = 0;
            else if (rnd.nextDouble() < negativeShare) m = -Math.round(Math.exp(3 + rnd.nextGaussian()) * 100) / 100.0;
            else if (f == 0) m = 0;
            else if (rnd.nextInt(5) == 0) m = 10 * (1 + rnd.nextInt(30)); // round prices: many whole-number ties
            else m = Math.round(Math.exp(4 + 1.2 * rnd.nextGaussian()) * f * 100) / 100.0;
            RfmValues rfm = buyer ? new RfmValues((int) (-Math.log(rnd.nextDouble()) * 90), f, m) : RfmValues.NON_BUYER;
            ValueInputs v = new ValueInputs(f, m, rnd.nextDouble() < 0.05 ? 1 : 0, rnd.nextInt(4) == 0 ? rnd.nextInt(20) : 0,
                    rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(5) : 0, rnd.nextInt(31), rnd.nextInt(1500), f > 1 ? f - 1 : 0);
            users.add(new User(rfm, v));
        }
        return users;
    }

    static PopulationSketches sketch(List<User> users) {
        PopulationSketches s = PopulationSketches.create(CFG);
        for (User u : users) s.add(u.rfm(), u.value(), W);
        return s;
    }

    static double[] exact(List<User> users, ToDoubleFunction<User> f, boolean customersOnly, boolean positiveOnly) {
        return users.stream().filter(u -> !customersOnly || u.rfm().isCustomer())
                .mapToDouble(f).filter(v -> !positiveOnly || v > 0).sorted().toArray();
    }

    /** The exact inclusive quantile at rank num/den: sorted position max(1, ⌈num·n/den⌉). */
    static double quantile(double[] sorted, long num, long den) {
        long pos = Math.max(1, (num * sorted.length + den - 1) / den);
        return sorted[(int) pos - 1];
    }

    static double[] exactCuts(double[] sorted) {
        return new double[]{quantile(sorted, 1, 5), quantile(sorted, 2, 5), quantile(sorted, 3, 5), quantile(sorted, 4, 5)};
    }

    static double[] cuts(CutPoints c) {
        return new double[]{c.c1(), c.c2(), c.c3(), c.c4()};
    }

    static double[] exactTable(double[] sorted) {
        double[] t = new double[QuantileTable.DEFAULT_SIZE];
        t[0] = sorted[0];
        for (int i = 1; i < 100; i++) t[i] = quantile(sorted, i, 100);
        t[100] = sorted[sorted.length - 1];
        return t;
    }

    /**
     * The stated bound: exact for magnitudes &lt; 1.024 and, in a whole-number metric, up to 1024; else toward zero by
     * &lt; 0.5 %. (In a metric that mixes whole and fractional values, a whole-number quantile such as 14 is not exact:
     * 14.03 shares a bin reported as 13.974.)
     */
    static void assertWithinBound(double approx, double exact, boolean wholeNumbers, String what) {
        double a = Math.abs(exact);
        if (a < 1.024 || (wholeNumbers && a <= MergeableHistogram.EXACT_LIMIT)) {
            assertThat(approx).as(what).isEqualTo(exact);
            return;
        }
        assertThat(Math.signum(approx)).as(what + " sign").isEqualTo(Math.signum(exact));
        assertThat(Math.abs(approx)).as(what + " toward zero").isLessThanOrEqualTo(a);
        assertThat((a - Math.abs(approx)) / a).as(what + " relative error").isLessThan(PopulationSketches.RELATIVE_ERROR);
    }

    static void assertAllWithinBound(double[] approx, double[] exact, boolean wholeNumbers, String what) {
        assertThat(approx).hasSameSizeAs(exact);
        for (int i = 0; i < exact.length; i++) assertWithinBound(approx[i], exact[i], wholeNumbers, what + "[" + i + "]");
    }

    // ---- determinism ----

    @Test
    void anyPartitioningAndMergeOrderGivesExactlyTheUnpartitionedModel() {
        List<User> users = population(1, 40_000, 0.02);
        PopulationSketches whole = sketch(users);
        ScoringModel expected = whole.toModel(CFG, 20_000);
        byte[] expectedBytes = whole.toBytes();
        assertThat(sketch(users).toBytes()).as("re-run").isEqualTo(expectedBytes);
        assertThat(expected.rfm().usesDefaults()).isFalse();

        Random rnd = new Random(7);
        for (int partitions : new int[]{1, 2, 4, 16, 64, 257}) {
            // uneven random assignment (some partials may be empty), as workers see it
            List<List<User>> parts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) parts.add(new ArrayList<>());
            for (User u : users) parts.get(rnd.nextInt(partitions)).add(u);

            List<PopulationSketches> partials = new ArrayList<>(parts.stream().map(PopulationSketchesTest::sketch).toList());
            Collections.shuffle(partials, rnd);
            PopulationSketches sequential = PopulationSketches.create(CFG);
            for (PopulationSketches p : partials) sequential.merge(PopulationSketches.fromBytes(p.toBytes()));

            Collections.shuffle(partials, rnd);
            List<PopulationSketches> level = partials.stream().map(p -> PopulationSketches.fromBase64(p.toBase64())).toList();
            while (level.size() > 1) { // pairwise tree, as a reducer fan-in does it
                List<PopulationSketches> next = new ArrayList<>();
                for (int i = 0; i < level.size(); i += 2) {
                    next.add(i + 1 < level.size() ? level.get(i).merge(level.get(i + 1)) : level.get(i));
                }
                level = next;
            }
            PopulationSketches tree = level.get(0);

            for (PopulationSketches merged : List.of(sequential, tree)) {
                ScoringModel model = merged.toModel(CFG, 20_000);
                assertThat(model).as("%d partitions", partitions).isEqualTo(expected);
                assertThat(model.toJson()).isEqualTo(expected.toJson());
                assertThat(merged.toBytes()).as("%d partitions: bytes", partitions).isEqualTo(expectedBytes);
            }
        }
    }

    // ---- accuracy ----

    @Test
    void integerMetricsGiveTheExactQuantilesAndCountsAndMeansAreExact() {
        List<User> users = population(2, 60_000, 0.02);
        PopulationSketches s = sketch(users);
        ScoringModel model = s.toModel(CFG, 20_000);

        double[] r = exact(users, u -> u.rfm().recencyDays(), true, false);
        double[] f = exact(users, u -> u.rfm().frequency(), true, false);
        double[] m = exact(users, u -> u.rfm().monetary(), true, false);
        RfmModel rfm = model.rfm();
        assertThat(rfm.customers()).isEqualTo(r.length).isEqualTo(s.customers()).isGreaterThan(30_000);
        assertThat(cuts(rfm.recency())).containsExactly(exactCuts(r));
        assertThat(cuts(rfm.frequency())).containsExactly(exactCuts(f));
        assertThat(rfm.meanRecencyDays()).isEqualTo((double) (long) Arrays.stream(r).sum() / r.length);
        assertThat(rfm.meanFrequency()).isEqualTo((double) (long) Arrays.stream(f).sum() / f.length);
        long sumMilli = Arrays.stream(m).mapToLong(v -> Math.round(v * 1000)).sum();
        assertThat(s.sumMonetaryMilli()).isEqualTo(sumMilli);
        assertThat(rfm.meanMonetary()).isEqualTo(sumMilli / 1000.0 / m.length);

        var v = model.value();
        assertThat(v.users()).isEqualTo(users.size());
        assertTableExact(v.frequency(), exact(users, u -> u.value().frequency(), false, true), "frequency");
        assertTableExact(v.social(), exact(users, u -> u.value().socialRaw(W), false, true), "social");
        assertTableExact(v.content(), exact(users, u -> u.value().posts(), false, true), "content");
        assertTableExact(v.activity(), exact(users, u -> u.value().activeDays(), false, true), "activity");
        assertTableExact(v.repurchase(), exact(users, u -> u.value().repeatPurchaseDays(), false, true), "repurchase");

        // tenure goes up to 1,499 days: exact up to 1024, within the bound above
        double[] tenure = exact(users, u -> u.value().tenureDays(), false, true);
        double[] expected = exactTable(tenure);
        assertThat(expected[80]).isGreaterThan(MergeableHistogram.EXACT_LIMIT);
        assertThat(v.tenure().n()).isEqualTo(tenure.length);
        assertAllWithinBound(v.tenure().points(), expected, true, "tenure");
        assertThat(v.tenure().points()[100]).isEqualTo(tenure[tenure.length - 1]); // exact maximum
        for (double p : v.tenure().points()) assertThat(p).as("whole days").isEqualTo(Math.rint(p));

        assertThat(s.sketchCounts()).containsExactly(r.length, f.length, m.length, v.frequency().n(), v.monetary().n(),
                v.social().n(), v.content().n(), v.activity().n(), tenure.length, v.repurchase().n());
    }

    static void assertTableExact(QuantileTable t, double[] sorted, String what) {
        assertThat(t.n()).as(what).isEqualTo(sorted.length);
        assertThat(t.points()).as(what).containsExactly(exactTable(sorted));
    }

    @Test
    void continuousMetricsAreWithinHalfAPercentOfTheExactQuantiles() {
        // 30 % of customers with negative net revenue: c1 of M is negative
        List<User> users = population(3, 40_000, 0.30);
        ScoringModel model = sketch(users).toModel(CFG, 20_000);

        double[] m = exact(users, u -> u.rfm().monetary(), true, false);
        double[] expectedCuts = exactCuts(m);
        assertThat(expectedCuts[0]).isNegative();
        assertThat(expectedCuts[3]).isGreaterThan(MergeableHistogram.EXACT_LIMIT / 10.0);
        assertAllWithinBound(cuts(model.rfm().monetary()), expectedCuts, false, "M cut");

        double[] money = exact(users, u -> u.value().monetary(), false, true);
        QuantileTable t = model.value().monetary();
        assertThat(t.n()).isEqualTo(money.length);
        assertThat(t.points()[0]).isEqualTo(money[0]);
        assertThat(t.points()[100]).isEqualTo(money[money.length - 1]);
        assertAllWithinBound(t.points(), exactTable(money), false, "monetary table");
    }

    @Test
    void smallPopulationsAreExactIncludingRanksThatAreNotExactInFloatingPoint() {
        // n = 5: rank 0.6 is position 3 (0.2 × 3 × 5 = 3.0000000000000004 in doubles, which must not become 4)
        PopulationSketches p = PopulationSketches.create(SMALL);
        double[] money = {0.25, 1, 3, 7.5, 2000};
        for (int i = 0; i < 5; i++) p.add(TestPopulation.customer(10 * (i + 1), i + 1, money[i]), SMALL);
        ScoringModel model = p.toModel(SMALL, 7);
        assertThat(model.rfm().recency()).isEqualTo(new CutPoints(10, 20, 30, 40));
        assertThat(model.rfm().frequency()).isEqualTo(new CutPoints(1, 2, 3, 4));
        CutPoints mc = model.rfm().monetary();
        assertThat(new double[]{mc.c1(), mc.c2(), mc.c3()}).containsExactly(0.25, 1, 3);
        assertWithinBound(mc.c4(), 7.5, false, "c4");
        QuantileTable t = model.value().monetary();
        assertThat(t.points()[0]).isEqualTo(0.25);
        assertThat(t.points()[100]).isEqualTo(2000);
        assertThat(t.points()[60]).isEqualTo(3); // position ⌈0.6 · 5⌉ = 3
        assertThat(t.points()[61]).isEqualTo(mc.c4());

        // below the thresholds: defaults
        assertThat(PopulationSketches.create(CFG).toModel(CFG, 1).rfm()).isEqualTo(ScoringModel.defaultRfm(CFG.rfm()));
    }

    @Test
    void statedErrorBound() {
        assertThat(PopulationSketches.RELATIVE_ERROR).isEqualTo(0.005);
        assertThat(sketch(population(4, 500, 0)).toModel(CFG, 1).relativeError()).isEqualTo(0.005);
        assertThat(ScoringModel.defaults(CFG).relativeError()).isZero();
        assertThatThrownBy(() -> new ScoringModel(1, -0.1, ScoringModel.defaultRfm(CFG.rfm()),
                ScoringModel.defaults(CFG).value())).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- serialization ----

    @Test
    void serializationRoundTripIsExactAndSmall() {
        PopulationSketches worker = sketch(population(5, 2_000, 0.02));
        PopulationSketches back = PopulationSketches.fromBase64(worker.toBase64());
        assertThat(back.toBytes()).isEqualTo(worker.toBytes());
        assertThat(back.toModel(SMALL, 3)).isEqualTo(worker.toModel(SMALL, 3));
        assertThat(back.users()).isEqualTo(worker.users());
        assertThat(back.customers()).isEqualTo(worker.customers());
        assertThat(back.sumRecencyDays()).isEqualTo(worker.sumRecencyDays());
        assertThat(back.sumFrequency()).isEqualTo(worker.sumFrequency());
        assertThat(back.sumMonetaryMilli()).isEqualTo(worker.sumMonetaryMilli());
        assertThat(back.sketchCounts()).containsExactly(worker.sketchCounts());
        assertThat(worker.toBytes().length).as("a 2,000-user partial").isLessThan(8_000);

        // the size is bounded by the number of distinct bins, not by the number of users
        PopulationSketches big = sketch(population(6, 100_000, 0.02));
        assertThat(big.toBytes().length).as("a 100,000-user partial").isLessThan(24_000);
        // a rebuilt partial merges on like the original
        assertThat(PopulationSketches.fromBytes(big.toBytes()).merge(back).toBytes())
                .isEqualTo(sketch(population(6, 100_000, 0.02)).merge(worker).toBytes());

        PopulationSketches empty = PopulationSketches.fromBytes(PopulationSketches.create(CFG).toBytes());
        assertThat(empty.users()).isZero();
        assertThat(empty.sketchCounts()).containsOnly(0L);
        assertThat(empty.toModel(CFG, 1)).isEqualTo(PopulationSketches.create(CFG).toModel(CFG, 1));
    }

    @Test
    void corruptInputIsRejected() {
        byte[] bytes = sketch(population(8, 300, 0.1)).toBytes();
        for (int len = 0; len < bytes.length; len++) {
            byte[] truncated = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> PopulationSketches.fromBytes(truncated)).as("truncated to %d", len)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> PopulationSketches.fromBytes(trailing)).hasMessageContaining("trailing");
        byte[] magic = bytes.clone();
        magic[0] = 0;
        assertThatThrownBy(() -> PopulationSketches.fromBytes(magic)).hasMessageContaining("not a population sketch");
        byte[] v1 = bytes.clone();
        v1[4] = 1; // the former KLL format
        assertThatThrownBy(() -> PopulationSketches.fromBytes(v1)).hasMessageContaining("version 1");
        assertThatThrownBy(() -> PopulationSketches.fromBase64("not base64!")).isInstanceOf(IllegalArgumentException.class);

        // one customer: users = 1 (byte 5), customers = 1 (byte 6); claiming 0 customers contradicts the R histogram
        PopulationSketches one = PopulationSketches.create(SMALL);
        one.add(TestPopulation.customer(3, 1, 20), SMALL);
        byte[] b = one.toBytes();
        assertThat(b[5]).isEqualTo((byte) 1);
        assertThat(b[6]).isEqualTo((byte) 1);
        b[6] = 0;
        assertThatThrownBy(() -> PopulationSketches.fromBytes(b)).hasMessageContaining("metric 0");

        // any single corrupted byte: either rejected with IllegalArgumentException or a well-formed partial
        Random rnd = new Random(9);
        for (int i = 0; i < 5_000; i++) {
            byte[] c = bytes.clone();
            c[5 + rnd.nextInt(c.length - 5)] = (byte) rnd.nextInt(256);
            try {
                PopulationSketches p = PopulationSketches.fromBytes(c);
                p.toModel(SMALL, 1); // whatever was read must still give a valid model
            } catch (IllegalArgumentException expected) {
                // rejected: fine
            }
        }
    }
}
