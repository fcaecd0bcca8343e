package io.userasset.domain.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of one day (SPEC §5), as written to S3 and the engine table and read back for
 * alert history. Ratios are null when their denominator is zero. docs/metrics.md defines each field.
 */
public record DailyMetrics(
        String date,
        long users,
        long newUsers,
        long dau,
        long wau,
        long mau,
        Double dauMauRatio,
        Map<String, Retention> retention,
        long customers,
        Double repurchaseRate,
        Double activeRate,
        Double valueConversionRate,
        Double assetChurnRate,
        Double valueMigrationRate,
        Distributions distributions,
        Migration migration,
        Ltv ltv,
        Map<String, Channel> channels,
        Map<String, ActionOutcome> actions) {

    /** @param cohortDate the signup day of the cohort measured today */
    public record Retention(String cohortDate, long cohortSize, long retained, Double rate) {}

    public record Distributions(Map<String, Long> segment8, Map<String, Long> segment11, Map<String, Long> stage,
                                Map<String, Long> tier, Map<String, Long> riskLevel) {}

    /** @param stage "from>to" → users, day over day; likewise segment11 */
    public record Migration(long usersWithBaseline, Map<String, Long> stage, Map<String, Long> segment11) {}

    /** Average lifetime value per user so far (actual) and with the predicted CLV added (predicted). */
    public record Ltv(Double actual, Double predicted) {}

    public record Channel(long users, long newUsers30, long customers, double cost30, Double cac, Double actualLtv,
                          Double predictedLtv, Double ltvCac) {}

    /** Per action type: decisions, treated vs holdout conversion and the uplift between them (issue on actions). */
    public record ActionOutcome(long treated, long treatedConverted, Double treatedConversion, long holdout,
                                long holdoutConverted, Double holdoutConversion, Double uplift) {}

    /**
     * Builds the day's metrics from the merged partial.
     *
     * @param costs30 acquisition cost per channel over the 30 days ending with the day (deployment currency)
     * @param actions action outcomes per type (empty until actions are attributed)
     */
    public static DailyMetrics from(DailyPartial p, Map<String, Double> costs30, Map<String, ActionOutcome> actions) {
        java.time.LocalDate day = java.time.LocalDate.parse(p.date);
        Map<String, Retention> retention = new TreeMap<>();
        for (int i = 0; i < DailyPartial.RETENTION_DAYS.length; i++) {
            int k = DailyPartial.RETENTION_DAYS[i];
            retention.put("d" + k, new Retention(day.minusDays(k).toString(), p.cohortSize[i], p.retained[i],
                    ratio(p.retained[i], p.cohortSize[i])));
        }
        Map<String, Channel> channels = new TreeMap<>();
        java.util.Set<String> names = new java.util.TreeSet<>(p.channels.keySet());
        names.addAll(costs30.keySet());
        for (String name : names) {
            DailyPartial.ChannelPartial c = p.channels.getOrDefault(name, new DailyPartial.ChannelPartial());
            double cost = costs30.getOrDefault(name, 0.0);
            Double cac = c.newUsers30 == 0 ? null : cost / c.newUsers30;
            Double actual = c.users == 0 ? null : c.netRevenueMilli / 1000.0 / c.users;
            Double predicted = c.users == 0 ? null : (c.netRevenueMilli + c.predictedClvMilli) / 1000.0 / c.users;
            Double ltvCac = cac == null || cac == 0 || predicted == null ? null : predicted / cac;
            channels.put(name, new Channel(c.users, c.newUsers30, c.customers, cost, cac, actual, predicted, ltvCac));
        }
        return new DailyMetrics(p.date, p.users, p.newUsers, p.dau, p.wau, p.mau, ratio(p.dau, p.mau), retention,
                p.customers, ratio(p.repeatCustomers, p.customers), ratio(p.mau, p.users), ratio(p.customers, p.users),
                p.baselineClvMilli == 0 ? null : (double) p.churnedClvMilli / p.baselineClvMilli,
                ratio(p.segmentChanged, p.usersWithBaseline),
                new Distributions(p.segment8, p.segment11, p.stage, p.tier, p.riskLevel),
                new Migration(p.usersWithBaseline, p.stageMigration, p.segmentMigration),
                new Ltv(p.users == 0 ? null : p.netRevenueMilli / 1000.0 / p.users,
                        p.users == 0 ? null : (p.netRevenueMilli + p.predictedClvMilli) / 1000.0 / p.users),
                channels, new TreeMap<>(actions));
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
