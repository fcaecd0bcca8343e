package io.userasset.domain.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergeableHistogramTest {

    @Test
    void integerQuantilesAreExact() {
        MergeableHistogram h = new MergeableHistogram();
        for (int v : new int[]{5, 1, 3, 2, 4, 10, 7, 6, 9, 8}) h.add(v);
        assertThat(h.quantile(0.2)).isEqualTo(2);
        assertThat(h.quantile(0.4)).isEqualTo(4);
        assertThat(h.quantile(0.5)).isEqualTo(5);
        assertThat(h.quantile(0.6)).isEqualTo(6);
        assertThat(h.quantile(1.0)).isEqualTo(10);
        assertThat(h.mean()).isEqualTo(5.5);
        assertThat(h.midRank(5)).isEqualTo(0.45);
    }

    @Test
    void largeValuesAreWithinTheStatedRelativeError() {
        Random random = new Random(3);
        double[] values = new double[50_000];
        MergeableHistogram h = new MergeableHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextGaussian() * 2 + 8);
            h.add(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[]{0.2, 0.4, 0.6, 0.8, 0.99}) {
            double exact = values[(int) Math.ceil(q * values.length) - 1];
            double approx = h.quantile(q);
            assertThat(approx).isLessThanOrEqualTo(exact);
            assertThat((exact - approx) / exact).isLessThan(MergeableHistogram.RELATIVE_WIDTH);
        }
    }

    @Test
    void mergingPartitionsInAnyOrderGivesExactlyTheWhole() {
        Random random = new Random(5);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) values.add(random.nextInt(3) == 0 ? random.nextInt(40) : Math.exp(random.nextDouble() * 12));
        MergeableHistogram whole = new MergeableHistogram();
        values.forEach(whole::add);
        for (int partitions : new int[]{1, 4, 16}) {
            List<MergeableHistogram> parts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) parts.add(new MergeableHistogram());
            for (int i = 0; i < values.size(); i++) parts.get(i % partitions).add(values.get(i));
            Collections.shuffle(parts, random);
            MergeableHistogram merged = new MergeableHistogram();
            // through the serialized form, as a reducer receives partials
            parts.forEach(p -> merged.merge(MergeableHistogram.of(p.state())));
            assertThat(merged.count()).isEqualTo(whole.count());
            assertThat(merged.sum()).isEqualTo(whole.sum());
            assertThat(merged.mean()).isEqualTo(whole.mean());
            for (double q = 0.05; q < 1; q += 0.05) assertThat(merged.quantile(q)).isEqualTo(whole.quantile(q));
        }
    }

    @Test
    void ranksAreNotShiftedByFloatingPointRounding() {
        // 0.2 * 3 = 0.6000000000000001 and 0.07 * 100 = 7.000000000000001: a naive ⌈q·n⌉ returns the next value
        MergeableHistogram five = new MergeableHistogram();
        for (int v = 1; v <= 5; v++) five.add(v);
        assertThat(five.quantile(0.2 * 3)).isEqualTo(3);
        MergeableHistogram hundred = new MergeableHistogram();
        for (int v = 1; v <= 100; v++) hundred.add(v);
        for (int i = 1; i <= 100; i++) {
            assertThat(hundred.quantile(i / 100.0)).as("rank %d/100", i).isEqualTo(i);
            assertThat(hundred.valueAtRank(i)).isEqualTo(i);
        }
        assertThat(hundred.quantile(0)).isEqualTo(1);
        assertThat(hundred.valueAtRank(0)).isEqualTo(1);
        assertThat(hundred.valueAtRank(1_000)).isEqualTo(100);
        assertThat(new MergeableHistogram().valueAtRank(1)).isNaN();
    }

    @Test
    void binValuesAreLowerEdgesWithinTheRelativeWidth() {
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            double v = MergeableHistogram.EXACT_LIMIT * Math.exp(random.nextDouble() * 40); // log bins
            int bin = MergeableHistogram.bin(v);
            double edge = MergeableHistogram.binValue(bin);
            assertThat(edge).as("edge of %s", v).isLessThanOrEqualTo(v * (1 + 1e-15));
            assertThat(v).isLessThan(edge * (1 + MergeableHistogram.RELATIVE_WIDTH) * (1 + 1e-15));
        }
        assertThat(MergeableHistogram.binValue(MergeableHistogram.bin(7.9))).isEqualTo(7); // integer part below the limit
        assertThat(MergeableHistogram.bin(Double.MAX_VALUE)).isEqualTo(MergeableHistogram.MAX_BIN);
        assertThatThrownBy(() -> MergeableHistogram.binValue(MergeableHistogram.MAX_BIN + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void infiniteValuesAreRejectedAndNaNIgnored() {
        MergeableHistogram h = new MergeableHistogram();
        assertThatThrownBy(() -> h.add(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        h.add(Double.NaN);
        assertThat(h.count()).isZero();
    }

    @Test
    void inconsistentStatesAreRejected() {
        MergeableHistogram h = new MergeableHistogram();
        for (double v : new double[]{1, 2, 2, 5000}) h.add(v);
        MergeableHistogram.State s = h.state();
        assertThat(MergeableHistogram.of(s).state()).isEqualTo(s);
        int[] b = s.bins();
        long[] c = s.counts();
        int top = b[b.length - 1];
        for (MergeableHistogram.State bad : List.of(
                new MergeableHistogram.State(new int[]{2, 1, top}, c, s.count(), s.sumMilli()),    // not ascending
                new MergeableHistogram.State(new int[]{1, 1, top}, c, s.count(), s.sumMilli()),    // duplicate bin
                new MergeableHistogram.State(new int[]{-1, 2, top}, c, s.count(), s.sumMilli()),   // negative bin
                new MergeableHistogram.State(new int[]{1, 2, MergeableHistogram.MAX_BIN + 1}, c, s.count(), s.sumMilli()),
                new MergeableHistogram.State(b, new long[]{1, 0, 1}, s.count(), s.sumMilli()),      // empty bin
                new MergeableHistogram.State(b, new long[]{1, 2}, s.count(), s.sumMilli()),         // lengths differ
                new MergeableHistogram.State(b, c, s.count() + 1, s.sumMilli()),                    // count ≠ Σ counts
                new MergeableHistogram.State(b, new long[]{Long.MAX_VALUE, Long.MAX_VALUE, 2}, 0, 0))) {
            assertThatThrownBy(() -> MergeableHistogram.of(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
