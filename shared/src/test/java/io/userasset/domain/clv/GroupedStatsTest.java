package io.userasset.domain.clv;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GroupedStatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<CustomerSummary> randomCustomers(long seed, int n) {
        Random rnd = new Random(seed);
        List<CustomerSummary> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int t = rnd.nextInt(400);
            int x = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(Math.min(t, 12) + 1);
            int tx = x == 0 ? 0 : x + rnd.nextInt(t - x + 1);
            double spend = x == 0 ? 0 : x * Math.exp(rnd.nextGaussian() + 3);
            out.add(new CustomerSummary(x, tx, t, spend));
        }
        return out;
    }

    @Property(tries = 60)
    void mergingPartitionsInAnyOrderEqualsBuildingAtOnce(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int parts) {
        List<CustomerSummary> all = randomCustomers(seed, 500);
        FrequencyStats.Builder whole = FrequencyStats.builder();
        SpendStats.Builder wholeSpend = SpendStats.builder();
        all.forEach(c -> {
            whole.add(c);
            wholeSpend.add(c);
        });
        List<FrequencyStats> f = new ArrayList<>();
        List<SpendStats> s = new ArrayList<>();
        Random rnd = new Random(seed);
        List<FrequencyStats.Builder> fb = new ArrayList<>();
        List<SpendStats.Builder> sb = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            fb.add(FrequencyStats.builder());
            sb.add(SpendStats.builder());
        }
        for (CustomerSummary c : all) {
            int k = rnd.nextInt(parts);
            fb.get(k).add(c);
            sb.get(k).add(c);
        }
        fb.forEach(b -> f.add(b.build()));
        sb.forEach(b -> s.add(b.build()));
        Collections.shuffle(f, rnd);
        Collections.shuffle(s, rnd);
        // left fold in shuffled order, and a tree-shaped merge
        assertThat(FrequencyStats.mergeAll(f)).isEqualTo(whole.build());
        FrequencyStats tree = f.size() == 1 ? f.get(0) : f.get(0).merge(f.get(1));
        for (int i = 2; i < f.size(); i += 2) tree = tree.merge(i + 1 < f.size() ? f.get(i).merge(f.get(i + 1)) : f.get(i));
        assertThat(tree).isEqualTo(whole.build());
        SpendStats sm = s.get(0);
        for (int i = 1; i < s.size(); i++) sm = s.get(i).merge(sm);
        assertThat(sm).isEqualTo(wholeSpend.build());
    }

    @Property(tries = 30)
    void serializedFormsRoundTrip(@ForAll long seed) throws Exception {
        FrequencyStats.Builder fb = FrequencyStats.builder();
        SpendStats.Builder sb = SpendStats.builder();
        for (CustomerSummary c : randomCustomers(seed, 300)) {
            fb.add(c);
            sb.add(c);
        }
        sb.add(2, 0.0); // excluded
        FrequencyStats f = fb.build();
        SpendStats s = sb.build();
        assertThat(FrequencyStats.fromBytes(f.toBytes())).isEqualTo(f);
        assertThat(JSON.readValue(JSON.writeValueAsString(f), FrequencyStats.class)).isEqualTo(f);
        assertThat(SpendStats.fromBytes(s.toBytes())).isEqualTo(s);
        assertThat(JSON.readValue(JSON.writeValueAsString(s), SpendStats.class)).isEqualTo(s);
        assertThat(s.excludedNonPositive()).isEqualTo(1);
    }

    @Test
    void jsonShapeIsParallelArrays() throws Exception {
        FrequencyStats f = FrequencyStats.builder().add(0, 0, 10).add(0, 0, 10).add(2, 5, 10).build();
        assertThat(JSON.writeValueAsString(f)).isEqualTo("{\"x\":[0,2],\"tx\":[0,5],\"t\":[10,10],\"count\":[2,1]}");
        assertThat(f.customers()).isEqualTo(3);
        assertThat(f.repeaters()).isEqualTo(1);
        assertThat(f.distinctTuples()).isEqualTo(2);
        SpendStats s = SpendStats.builder(0.005).add(1, 1.0).add(3, 1.0).build();
        assertThat(JSON.writeValueAsString(s))
                .isEqualTo("{\"binRelativeWidth\":0.005,\"x\":[1,3],\"bin\":[0,0],\"count\":[1,1],\"excludedNonPositive\":0}");
    }

    @Test
    void binaryFormIsCompact() {
        FrequencyStats.Builder b = FrequencyStats.builder();
        randomCustomers(7, 20_000).forEach(b::add);
        FrequencyStats f = b.build();
        assertThat(f.toBytes().length).isLessThan(6 * f.distinctTuples());
    }

    @Test
    void spendBinsMoveAMeanByAtMostHalfABin() {
        double w = 0.005;
        Random rnd = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            double m = Math.exp(rnd.nextGaussian() * 3 + 2);
            SpendStats s = SpendStats.builder(w).add(1, m).build();
            assertThat(Math.abs(s.meanSpend(0) / m - 1)).isLessThanOrEqualTo(Math.sqrt(1 + w) - 1 + 1e-12);
        }
    }

    @Test
    void invalidTuplesAndCorruptInputsAreRejected() {
        assertThatThrownBy(() -> FrequencyStats.builder().add(1, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrequencyStats.builder().add(0, 3, 4)).hasMessageContaining("tx must be 0");
        assertThatThrownBy(() -> FrequencyStats.builder().add(-1, 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrequencyStats.builder().add(1, 1, FrequencyStats.MAX_VALUE + 1)).isInstanceOf(IllegalArgumentException.class);
        byte[] bytes = FrequencyStats.builder().add(2, 5, 10).build().toBytes();
        assertThatThrownBy(() -> FrequencyStats.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpendStats.builder(0.005).build().merge(SpendStats.builder(0.01).build()))
                .hasMessageContaining("bin widths");
        assertThatThrownBy(() -> SpendStats.builder().add(0, 5.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpendStats.builder().add(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void customerSummaryCountsPurchaseDays() {
        long d0 = LocalDate.of(1997, 1, 1).toEpochDay();
        // two purchases on the first day, two on day 10 (one occasion), one on day 30, one after as-of
        long[] days = {d0 + 10, d0, d0, d0 + 30, d0 + 10, d0 + 300};
        double[] amounts = {5, 10, 20, 7, 3, 99};
        CustomerSummary c = CustomerSummary.fromPurchases(days, amounts, d0 + 100);
        assertThat(c).isEqualTo(new CustomerSummary(2, 30, 100, 15));
        assertThat(c.meanRepeatSpend()).isCloseTo(7.5, within(1e-12));
        assertThat(CustomerSummary.fromPurchases(new long[] {d0, d0}, new double[] {1, 2}, d0))
                .isEqualTo(new CustomerSummary(0, 0, 0, 0));
        assertThatThrownBy(() -> CustomerSummary.fromPurchases(new long[] {d0 + 5}, new double[] {1}, d0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerSummary(3, 2, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
