package io.userasset.domain.scoring;

import io.userasset.domain.scoring.rfm.CutPoints;
import io.userasset.domain.scoring.rfm.RfmModel;
import io.userasset.domain.scoring.rfm.RfmValues;
import io.userasset.domain.scoring.value.QuantileTable;
import io.userasset.domain.scoring.value.ValueInputs;
import org.apache.datasketches.kll.KllTestSeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KLL guarantee tested here: for a requested rank r, the returned item q has a true rank within ε of r, i.e.
 * [rank(&lt; q), rank(≤ q)] (an interval when q is tied) intersects [r − ε, r + ε], ε = the normalized rank error of K
 * (single-sided, 99 % confidence; K = 200 → 1.33 %). KLL's coin flips are seeded so the tests are reproducible.
 */
class PopulationSketchesTest {
    static final ScoringConfig CFG = ScoringConfig.defaults();
    static final int PARTITIONS = 64;
    static final int USERS_PER_PARTITION = 2_000;

    /** One synthetic user: R geometric-ish days, F zero-inflated counts with many ties, M log-normal (may be ≤ 0). */
    record User(RfmValues rfm, ValueInputs value) {}

    static List<List<User>> partitions(long seed) {
        Random rnd = new Random(seed);
        List<List<User>> parts = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            List<User> users = new ArrayList<>(USERS_PER_PARTITION);
            for (int i = 0; i < USERS_PER_PARTITION; i++) {
                boolean buyer = rnd.nextDouble() < 0.6;
                int f = buyer ? (rnd.nextDouble() < 0.15 ? 0 : 1 + (int) (-Math.log(rnd.nextDouble()) * 1.5)) : 0;
                double m = f == 0 ? (rnd.nextDouble() < 0.1 ? -rnd.nextInt(50) : 0)
                        : Math.round(Math.exp(4 + rnd.nextGaussian()) * f * 100) / 100.0;
                RfmValues rfm = buyer ? new RfmValues((int) (-Math.log(rnd.nextDouble()) * 90), f, m) : RfmValues.NON_BUYER;
                ValueInputs v = new ValueInputs(f, m, rnd.nextDouble() < 0.05 ? 1 : 0, rnd.nextInt(4) == 0 ? rnd.nextInt(20) : 0,
                        rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(5) : 0, rnd.nextInt(31), rnd.nextInt(1500),
                        f > 1 ? f - 1 : 0);
                users.add(new User(rfm, v));
            }
            parts.add(users);
        }
        return parts;
    }

    static PopulationSketches sketch(List<User> users) {
        PopulationSketches s = PopulationSketches.create(CFG);
        for (User u : users) s.add(u.rfm(), u.value(), CFG.value().referralWeight());
        return s;
    }

    static List<PopulationSketches> sketches(List<List<User>> parts) {
        return parts.stream().map(PopulationSketchesTest::sketch).toList();
    }

    /** Asserts the KLL guarantee for item q requested at rank r against the exact sorted values. */
    static void assertWithinRankError(double[] sorted, double q, double r, double eps, String what) {
        int below = lowerBound(sorted, q);
        int atOrBelow = upperBound(sorted, q);
        double n = sorted.length;
        assertThat(below / n).as("%s: rank(< %s) for requested rank %s", what, q, r).isLessThanOrEqualTo(r + eps);
        assertThat(atOrBelow / n).as("%s: rank(≤ %s) for requested rank %s", what, q, r).isGreaterThanOrEqualTo(r - eps);
    }

    static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (a[mid] < v) lo = mid + 1; else hi = mid; }
        return lo;
    }

    static int upperBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (a[mid] <= v) lo = mid + 1; else hi = mid; }
        return lo;
    }

    static double[] exact(List<List<User>> parts, java.util.function.ToDoubleFunction<User> f, boolean customersOnly,
                          boolean positiveOnly) {
        return parts.stream().flatMap(List::stream)
                .filter(u -> !customersOnly || u.rfm().isCustomer())
                .mapToDouble(f).filter(v -> !positiveOnly || v > 0).sorted().toArray();
    }

    static void assertCutsWithinBound(RfmModel m, List<List<User>> parts, double eps) {
        double[] r = exact(parts, u -> u.rfm().recencyDays(), true, false);
        double[] f = exact(parts, u -> u.rfm().frequency(), true, false);
        double[] mo = exact(parts, u -> u.rfm().monetary(), true, false);
        assertCut(m.recency(), r, eps, "R");
        assertCut(m.frequency(), f, eps, "F");
        assertCut(m.monetary(), mo, eps, "M");
    }

    static void assertCut(CutPoints c, double[] sorted, double eps, String what) {
        double[] cuts = {c.c1(), c.c2(), c.c3(), c.c4()};
        for (int i = 0; i < 4; i++) assertWithinRankError(sorted, cuts[i], 0.2 * (i + 1), eps, what + " c" + (i + 1));
    }

    @BeforeEach
    void seedKll() {
        KllTestSeed.seed(20_240_101L);
    }

    @Test
    void statedErrorBound() {
        PopulationSketches s = PopulationSketches.create(CFG);
        assertThat(s.rankError()).isBetween(0.0132, 0.0134); // K = 200 → 1.33 %
    }

    @Test
    void cutPointsAndTablesMergedFromManyPartitionsAreWithinTheRankErrorOfExactQuantiles() {
        List<List<User>> parts = partitions(1);
        PopulationSketches merged = PopulationSketches.create(CFG);
        for (PopulationSketches s : sketches(parts)) merged.merge(s);
        double eps = merged.rankError();
        ScoringModel model = merged.toModel(CFG, 20_000);

        assertThat(model.rfm().customers()).isGreaterThan(70_000);
        assertCutsWithinBound(model.rfm(), parts, eps);

        double[] money = exact(parts, u -> u.value().monetary(), false, true);
        double[] shares = exact(parts, u -> u.value().socialRaw(CFG.value().referralWeight()), false, true);
        double[] tenure = exact(parts, u -> u.value().tenureDays(), false, true);
        assertTable(model.value().monetary(), money, eps, "monetary");
        assertTable(model.value().social(), shares, eps, "social");
        assertTable(model.value().tenure(), tenure, eps, "tenure");
    }

    static void assertTable(QuantileTable t, double[] sorted, double eps, String what) {
        assertThat(t.n()).isEqualTo(sorted.length);
        double[] p = t.points();
        assertThat(p[0]).isEqualTo(sorted[0]);
        assertThat(p[100]).isEqualTo(sorted[sorted.length - 1]);
        for (int i = 1; i < 100; i++) assertWithinRankError(sorted, p[i], i / 100.0, eps, what + " point " + i);
    }

    @Test
    void exactPartsAreEqualAndSketchedPartsWithinTheBoundWhateverTheMergeOrder() {
        List<List<User>> parts = partitions(2);
        List<PopulationSketches> a = sketches(parts);
        List<PopulationSketches> b = sketches(parts);

        PopulationSketches sequential = PopulationSketches.create(CFG);
        for (PopulationSketches s : a) sequential.merge(s);

        // reverse pairwise tree: ((63+62)+(61+60))+…
        List<PopulationSketches> level = new ArrayList<>(b);
        java.util.Collections.reverse(level);
        while (level.size() > 1) {
            List<PopulationSketches> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? level.get(i).merge(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        PopulationSketches tree = level.get(0);

        assertThat(tree.users()).isEqualTo(sequential.users()).isEqualTo((long) PARTITIONS * USERS_PER_PARTITION);
        assertThat(tree.customers()).isEqualTo(sequential.customers());
        assertThat(tree.sumRecencyDays()).isEqualTo(sequential.sumRecencyDays());
        assertThat(tree.sumFrequency()).isEqualTo(sequential.sumFrequency());
        assertThat(tree.sumMonetaryMilli()).isEqualTo(sequential.sumMonetaryMilli());
        assertThat(tree.sketchCounts()).containsExactly(sequential.sketchCounts());

        ScoringModel m1 = sequential.toModel(CFG, 20_000);
        ScoringModel m2 = tree.toModel(CFG, 20_000);
        assertThat(m2.rfm().meanRecencyDays()).isEqualTo(m1.rfm().meanRecencyDays());
        assertThat(m2.rfm().meanFrequency()).isEqualTo(m1.rfm().meanFrequency());
        assertThat(m2.rfm().meanMonetary()).isEqualTo(m1.rfm().meanMonetary());
        assertThat(m2.value().tenure().points()[0]).isEqualTo(m1.value().tenure().points()[0]);   // exact min
        assertThat(m2.value().tenure().points()[100]).isEqualTo(m1.value().tenure().points()[100]); // exact max

        double exactMeanM = Arrays.stream(exact(parts, u -> u.rfm().monetary(), true, false)).sum() / m1.rfm().customers();
        assertThat(m1.rfm().meanMonetary()).isCloseTo(exactMeanM, org.assertj.core.api.Assertions.within(1e-9));

        double eps = sequential.rankError();
        assertCutsWithinBound(m1.rfm(), parts, eps);
        assertCutsWithinBound(m2.rfm(), parts, eps);
    }

    @Test
    void serializationRoundTrip() {
        List<List<User>> parts = partitions(3);
        PopulationSketches merged = PopulationSketches.create(CFG);
        for (PopulationSketches s : sketches(parts)) merged.merge(s);

        PopulationSketches back = PopulationSketches.fromBase64(merged.toBase64());
        assertThat(back.k()).isEqualTo(merged.k());
        assertThat(back.users()).isEqualTo(merged.users());
        assertThat(back.customers()).isEqualTo(merged.customers());
        assertThat(back.sumMonetaryMilli()).isEqualTo(merged.sumMonetaryMilli());
        assertThat(back.sketchCounts()).containsExactly(merged.sketchCounts());
        assertThat(merged.toBytes().length).isLessThan(100_000);
        // a rebuilt sketch keeps the guarantee, also after further merges
        PopulationSketches again = PopulationSketches.fromBytes(back.toBytes()).merge(PopulationSketches.create(CFG));
        assertCutsWithinBound(again.toModel(CFG, 1).rfm(), parts, merged.rankError());
    }

    @Test
    void smallSketchesRoundTripExactly() {
        // below K values nothing is compacted: the model after a round trip is identical
        PopulationSketches s = PopulationSketches.create(CFG);
        for (int i = 0; i < 150; i++) {
            s.add(new RfmValues(i, i % 7, i * 3.5), new ValueInputs(i % 7, i * 3.5, i % 2, i % 5, i % 3, i % 31, i, i % 4), 5);
        }
        PopulationSketches back = PopulationSketches.fromBytes(s.toBytes());
        assertThat(back.toModel(CFG, 7)).isEqualTo(s.toModel(CFG, 7));
        assertThat(PopulationSketches.fromBytes(PopulationSketches.create(CFG).toBytes()).users()).isZero();
    }

    @Test
    void rejectsCorruptInputAndMismatchedK() {
        byte[] bytes = PopulationSketches.create(CFG).toBytes();
        assertThatThrownBy(() -> PopulationSketches.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        bytes[0] = 0;
        assertThatThrownBy(() -> PopulationSketches.fromBytes(bytes)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PopulationSketches(200).merge(new PopulationSketches(100)))
                .hasMessageContaining("different K");
    }
}
