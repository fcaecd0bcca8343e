package io.userasset.domain.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.config.AlertsConfig;
import io.userasset.config.EngineConfig;
import io.userasset.events.ContractSchemas;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Each default rule of SPEC §5 just below and just above its threshold. */
class AlertEvaluatorTest {
    private static final List<AlertsConfig.AlertRule> RULES = EngineConfig.defaults().alerts().rules();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Test
    void dauDownMoreThan15PercentOnThreeConsecutiveDaysFires() {
        // drops of 15.1 %, 15.2 %, 15.3 %
        List<Alert> fired = evaluate(dauSeries(1000, 849, 720, 610));
        assertThat(fired).extracting(Alert::rule).containsExactly("dau-drop");
        Alert a = fired.get(0);
        assertThat(a.alertId()).isEqualTo("dau-drop:dau:2026-11-20");
        assertThat(a.observed()).extracting(Alert.Observation::day).containsExactly("2026-11-18", "2026-11-19", "2026-11-20");
        assertThat(a.observed().get(0).value()).isEqualTo(15.1);
        assertValid(a);
    }

    @Test
    void dauDownExactly15PercentOnOneOfTheDaysDoesNotFire() {
        assertThat(evaluate(dauSeries(1000, 850, 720, 610))).isEmpty();   // 15.0 % is not more than 15 %
        assertThat(evaluate(dauSeries(1000, 849, 720))).isEmpty();         // only two days of drops known
        assertThat(evaluate(dauSeries(1000, 849, 800, 610))).isEmpty();   // the middle day dropped 5.8 %
    }

    @Test
    void assetChurnRateAboveTenPercentFires() {
        assertThat(evaluate(List.of(metrics(TODAY, 100, 0.1001, 0.0, Map.of())))).extracting(Alert::rule).containsExactly("asset-churn");
        assertThat(evaluate(List.of(metrics(TODAY, 100, 0.1000, 0.0, Map.of())))).isEmpty();
        assertThat(evaluate(List.of(metrics(TODAY, 100, 0.0999, 0.0, Map.of())))).isEmpty();
    }

    @Test
    void valueMigrationRateAbove15PercentFires() {
        assertThat(evaluate(List.of(metrics(TODAY, 100, 0.0, 0.1501, Map.of())))).extracting(Alert::rule).containsExactly("value-migration");
        assertThat(evaluate(List.of(metrics(TODAY, 100, 0.0, 0.1499, Map.of())))).isEmpty();
    }

    @Test
    void ltvCacBelowThreeFiresPerChannel() {
        List<Alert> fired = evaluate(List.of(metrics(TODAY, 100, 0.0, 0.0,
                Map.of("paid-search", 2.99, "organic", 3.01, "referral", 3.0))));
        assertThat(fired).extracting(Alert::metric).containsExactly("channels.paid-search.ltvCac");
        assertThat(fired.get(0).alertId()).isEqualTo("ltv-cac:channels.paid-search.ltvCac:2026-11-20");
        assertValid(fired.get(0));
    }

    @Test
    void aChannelWithoutCacRaisesNothing() {
        Map<String, DailyMetrics.Channel> channels = new TreeMap<>();
        channels.put("organic", new DailyMetrics.Channel(10, 0, 2, 0, null, 5.0, 8.0, null));
        DailyMetrics m = metrics(TODAY, 100, 0.0, 0.0, Map.of());
        m = new DailyMetrics(m.date(), m.users(), m.newUsers(), m.dau(), m.wau(), m.mau(), m.dauMauRatio(), m.retention(),
                m.customers(), m.repurchaseRate(), m.activeRate(), m.valueConversionRate(), m.assetChurnRate(),
                m.valueMigrationRate(), m.distributions(), m.migration(), m.ltv(), channels, m.actions());
        assertThat(evaluate(List.of(m))).isEmpty();
    }

    private static List<Alert> evaluate(List<DailyMetrics> history) {
        return AlertEvaluator.evaluate(history, RULES);
    }

    private static List<DailyMetrics> dauSeries(long... dau) {
        List<DailyMetrics> out = new ArrayList<>();
        for (int i = 0; i < dau.length; i++) {
            out.add(metrics(TODAY.minusDays(dau.length - 1 - i), dau[i], 0.0, 0.0, Map.of()));
        }
        return out;
    }

    static DailyMetrics metrics(LocalDate day, long dau, double assetChurn, double valueMigration, Map<String, Double> ltvCac) {
        Map<String, DailyMetrics.Channel> channels = new TreeMap<>();
        ltvCac.forEach((name, ratio) -> channels.put(name, new DailyMetrics.Channel(100, 10, 20, 300, 30.0, 50.0, ratio * 30, ratio)));
        return new DailyMetrics(day.toString(), 5000, 10, dau, dau * 3, dau * 6, 1.0 / 6, Map.of(), 1000, 0.3, 0.6, 0.2,
                assetChurn, valueMigration, null, null, null, channels, Map.of());
    }

    private static void assertValid(Alert alert) {
        assertThat(ContractSchemas.validate(ContractSchemas.ALERT, new ObjectMapper().valueToTree(alert))).isEmpty();
    }
}
