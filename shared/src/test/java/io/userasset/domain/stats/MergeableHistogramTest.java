package io.userasset.domain.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

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
}
