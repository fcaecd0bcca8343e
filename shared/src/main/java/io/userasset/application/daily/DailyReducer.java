package io.userasset.application.daily;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.application.ActionService;
import io.userasset.config.EngineConfig;
import io.userasset.domain.actions.ActionCandidate;
import io.userasset.domain.actions.ActionType;
import io.userasset.domain.assessment.ScoresCodec;
import io.userasset.events.ProfileKey;
import io.userasset.ports.ActionLog;
import io.userasset.ports.ProfileStore;
import io.userasset.ports.StoredProfile;
import io.userasset.domain.assessment.ModelSet;
import io.userasset.domain.assessment.ModelSetJson;
import io.userasset.domain.clv.ClvFitter;
import io.userasset.domain.clv.ClvModel;
import io.userasset.domain.metrics.Alert;
import io.userasset.domain.metrics.AlertEvaluator;
import io.userasset.domain.metrics.DailyMetrics;
import io.userasset.domain.metrics.DailyPartial;
import io.userasset.domain.scoring.ScoringConfig;
import io.userasset.domain.scoring.ScoringModel;
import io.userasset.domain.time.Days;
import io.userasset.observability.JsonLog;
import io.userasset.ports.AcquisitionCostStore;
import io.userasset.ports.DailyFiles;
import io.userasset.ports.EventPublisher;
import io.userasset.ports.MetricsStore;
import io.userasset.ports.ModelStore;
import io.userasset.tables.ResourceCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reduction of a daily run, once every segment is done: merge the partials into the day's
 * metrics (with the attribution of the actions whose window closed today), store them, evaluate the
 * alert rules on the history and publish what fires, take the day's actions — the candidates of
 * every segment ranked by predicted CLV, so the budget goes to the most valuable — and refit the
 * models and cut points on the day's population, for tomorrow's run and for streaming scoring.
 * Idempotent: a day's models are fitted once and reused on a re-run; metrics and alerts are a
 * function of the partials; alerts and actions carry deterministic ids.
 */
public final class DailyReducer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COST_WINDOW_DAYS = 30;

    private final EngineConfig config;
    private final ModelStore models;
    private final DailyFiles files;
    private final MetricsStore metrics;
    private final AcquisitionCostStore costs;
    private final EventPublisher publisher;
    private final ActionService actions;
    private final ActionLog actionLog;
    private final ProfileStore profiles;

    public DailyReducer(EngineConfig config, ModelStore models, DailyFiles files, MetricsStore metrics,
                        AcquisitionCostStore costs, EventPublisher publisher,
                        ActionService actions, ActionLog actionLog, ProfileStore profiles) {
        this.config = config;
        this.models = models;
        this.files = files;
        this.metrics = metrics;
        this.costs = costs;
        this.publisher = publisher;
        this.actions = actions;
        this.actionLog = actionLog;
        this.profiles = profiles;
    }

    /** What the reduction of a day did: the day's metrics and alerts, and the models fitted for tomorrow. */
    public record Result(DailyMetrics metrics, List<Alert> alerts, ModelSet models) {}

    public Result run(DailyMessage m) {
        if (!DailyMessage.FINALIZE.equals(m.phase())) throw new IllegalArgumentException("not a reduce phase: " + m.phase());
        LocalDate day = LocalDate.parse(m.date());
        List<SegmentPartial> parts = new ArrayList<>();
        try {
            for (byte[] p : complete(m)) parts.add(JSON.readValue(p, SegmentPartial.class));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt segment partial for " + m.date(), e);
        }
        DailyPartial merged = new DailyPartial(Days.day(day));
        for (SegmentPartial p : parts) merged.merge(p.metrics());

        DailyMetrics today = DailyMetrics.from(merged, costs30(day), attribution(Days.day(day)));
        metrics.put(today);
        try {
            files.putMetrics(m.date(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(today));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Alert> alerts = AlertEvaluator.evaluate(metrics.range(day.minusDays(historyDays()), day), config.alerts().rules());
        publishAlerts(alerts);
        takeActions(merged, Days.day(day));
        ModelSet fitted = fit(parts.stream().map(SegmentPartial::measure).toList(), Days.day(day));
        files.putModels(m.date(), ModelSetJson.toPrettyJson(fitted).getBytes(StandardCharsets.UTF_8));
        JsonLog.info("daily run finished", "date", m.date(), "users", today.users(), "dau", today.dau(),
                "alerts", alerts.size(), "models", fitted.fittedDay());
        return new Result(today, alerts, fitted);
    }

    /** The models fitted on the day's population, used from tomorrow; a re-run of the day reuses them. */
    private ModelSet fit(List<MeasurePartial> partials, int day) {
        ModelSet existing = models.forDay(day).orElse(null);
        if (existing != null) return existing;
        MeasurePartial.Merged merged = MeasurePartial.merge(partials, config.clv().spendBinRelativeWidth());
        ScoringModel scoring = merged.population().toModel(ScoringConfig.from(config), day);
        ClvModel previous = models.latestBefore(day + 1).map(ModelSet::clv).orElse(null);
        long started = System.nanoTime();
        ClvModel clv = ClvFitter.fit(merged.frequency(), merged.spend(), config.clv(), previous);
        ModelSet fitted = new ModelSet(day, scoring, clv);
        models.publish(fitted);
        JsonLog.info("models fitted", "day", Days.date(day).toString(), "customers", merged.frequency().customers(),
                "distinctTuples", merged.frequency().distinctTuples(), "purchaseModel", clv.bgnbd().status().toString(),
                "spendModel", clv.gammaGamma().status().toString(), "fitMillis", (System.nanoTime() - started) / 1e6);
        return fitted;
    }

    private void publishAlerts(List<Alert> alerts) {
        if (alerts.isEmpty()) return;
        List<String> documents = new ArrayList<>();
        for (Alert a : alerts) {
            try {
                documents.add(JSON.writeValueAsString(a));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        publisher.publish(ResourceCatalog.ALERT_DETAIL_TYPE, documents);
    }

    /**
     * The day's time-revealed candidates of every segment, best first by predicted CLV, through the
     * guards, type by type; what is to send goes out in one publish.
     */
    private void takeActions(DailyPartial merged, int day) {
        List<ActionService.Decisions> decided = new ArrayList<>();
        for (ActionType type : ActionType.values()) {
            int budget = config.actions().types().get(type.id()).dailyBudget();
            List<ActionCandidate> ranked = new ArrayList<>();
            for (DailyPartial.Candidate c : merged.best(type.id(), budget)) {
                ranked.add(new ActionCandidate(c.userId(), type, c.reasonCode(), c.reason(), day,
                        ScoresCodec.decode(java.util.Base64.getDecoder().decode(c.scores()))));
            }
            decided.add(actions.decide(ranked));
        }
        actions.publish(decided);
    }

    /**
     * Conversion of the actions decided {@code actions.attributionDays} ago, whose window closes today:
     * a user converted when active (any activity, purchases included) on a day after the decision and
     * within the window. Treated and holdout users are measured alike; uplift = treated − holdout rate.
     */
    private Map<String, DailyMetrics.ActionOutcome> attribution(int day) {
        int window = config.actions().attributionDays();
        int decided = day - window;
        List<ActionLog.Entry> entries = actionLog.decidedOn(decided);
        Map<String, DailyMetrics.ActionOutcome> out = new TreeMap<>();
        if (entries.isEmpty()) return out;
        java.util.Set<ProfileKey> keys = new java.util.HashSet<>();
        for (ActionLog.Entry e : entries) keys.add(ProfileKey.user(e.userId()));
        Map<ProfileKey, StoredProfile> loaded = profiles.loadAll(keys);
        for (ActionType type : ActionType.values()) {
            long[] n = new long[4]; // treated, treated converted, holdout, holdout converted
            for (ActionLog.Entry e : entries) {
                if (e.type() != type) continue;
                StoredProfile p = loaded.get(ProfileKey.user(e.userId()));
                boolean converted = false;
                for (int d = decided + 1; p != null && d <= day && !converted; d++) converted = p.facts().activeOn(d);
                int at = e.holdout() ? 2 : 0;
                n[at]++;
                if (converted) n[at + 1]++;
            }
            if (n[0] + n[2] == 0) continue;
            Double treated = n[0] == 0 ? null : (double) n[1] / n[0];
            Double held = n[2] == 0 ? null : (double) n[3] / n[2];
            out.put(type.id(), new DailyMetrics.ActionOutcome(n[0], n[1], treated, n[2], n[3], held,
                    treated == null || held == null ? null : treated - held));
        }
        return out;
    }

    /** The partials of every segment; all must be there (else the message is retried later). */
    private List<byte[]> complete(DailyMessage m) {
        List<byte[]> parts = files.partials(m.date(), DailyMessage.SCORE);
        if (parts.size() != m.segments()) {
            throw new IllegalStateException("partials of " + m.date() + ": " + parts.size() + " of " + m.segments());
        }
        return parts;
    }

    /** Acquisition cost per channel over the 30 days ending with the day. */
    private Map<String, Double> costs30(LocalDate day) {
        Map<String, Double> out = new TreeMap<>();
        costs.costsBetween(day.minusDays(COST_WINDOW_DAYS - 1), day).forEach((channel, milli) -> out.put(channel, milli / 1000.0));
        return out;
    }

    /** Enough history for the longest rule (plus the day before it, for day-over-day conditions). */
    private int historyDays() {
        int longest = config.alerts().rules().stream().mapToInt(r -> r.days()).max().orElse(1);
        return longest + 1;
    }

}
