package io.userasset.domain.scoring.value;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QuantileTableTest {

    /** points[i] = value at rank i/100 of the population {1, 2, 3, 4}: 1 for i ≤ 25, 2 for i ≤ 50, 3 for i ≤ 75, else 4. */
    static QuantileTable oneToFour() {
        double[] p = new double[101];
        for (int i = 0; i <= 100; i++) p[i] = i <= 25 ? 1 : i <= 50 ? 2 : i <= 75 ? 3 : 4;
        return new QuantileTable(4, p);
    }

    @Test
    void tiesGetTheMidRankOfTheirRunOfPoints() {
        QuantileTable t = oneToFour();
        assertThat(t.percentile(1)).isEqualTo(12.5);  // points 0..25  → (0 + 25) / 2
        assertThat(t.percentile(2)).isEqualTo(38.0);  // points 26..50 → (26 + 50) / 2
        assertThat(t.percentile(3)).isEqualTo(63.0);
        assertThat(t.percentile(4)).isEqualTo(88.0);  // points 76..100
        assertThat(t.percentile(2.5)).isEqualTo(50.5); // between points 50 (2) and 51 (3): 50 + 0.5
        assertThat(t.percentile(0.5)).isEqualTo(0);
        assertThat(t.percentile(9)).isEqualTo(100);
    }

    @Test
    void linearTableIsTheIdentity() {
        double[] p = new double[101];
        for (int i = 0; i <= 100; i++) p[i] = i;
        QuantileTable t = new QuantileTable(101, p);
        assertThat(t.percentile(0)).isEqualTo(0);
        assertThat(t.percentile(37)).isEqualTo(37);
        assertThat(t.percentile(37.25)).isCloseTo(37.25, within(1e-12));
        assertThat(t.percentile(100)).isEqualTo(100);
    }

    @Test
    void monotoneInTheValue() {
        Random rnd = new Random(7);
        double[] p = new double[101];
        for (int i = 1; i <= 100; i++) p[i] = p[i - 1] + (rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble());
        QuantileTable t = new QuantileTable(1000, p);
        double prev = -1;
        for (double v = -1; v <= p[100] + 1; v += 0.01) {
            double pct = t.percentile(v);
            assertThat(pct).isGreaterThanOrEqualTo(prev).isBetween(0.0, 100.0);
            prev = pct;
        }
    }

    @Test
    void geometricDefaultTableHasTheExactMidRankOfOne() {
        // mean 2.5 → p = 0.4: P(X ≤ 1) = 0.4 → points 0..40 are 1 → percentile(1) = 20 = exact mid-rank 0.4 / 2
        QuantileTable t = QuantileTable.geometric(2.5, Double.MAX_VALUE);
        assertThat(t.percentile(1)).isEqualTo(20);
        // P(X ≤ 2) = 0.64 → points 41..64 are 2 → (41 + 64) / 2 = 52.5 (exact mid-rank (0.4 + 0.64) / 2 = 52)
        assertThat(t.percentile(2)).isEqualTo(52.5);
        assertThat(QuantileTable.geometric(6, 30).points()[100]).isEqualTo(30);
        assertThat(QuantileTable.exponential(365).points()[0]).isEqualTo(0);
    }

    @Test
    void validatesAndComparesByContent() {
        assertThatThrownBy(() -> new QuantileTable(1, new double[] {2, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuantileTable(1, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThat(oneToFour()).isEqualTo(oneToFour()).hasSameHashCodeAs(oneToFour());
    }
}
