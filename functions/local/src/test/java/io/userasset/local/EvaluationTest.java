package io.userasset.local;

import io.userasset.local.cost.CostReport;
import io.userasset.local.cost.PriceTable;
import io.userasset.local.demo.DemoPopulation;
import io.userasset.local.pipeline.OutboundEvent;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pieces of the local run that need no cloud: AUC, the cost arithmetic, the demo population. */
class EvaluationTest {

    @Test
    void aucCountsTiesAsHalf() throws Exception {
        Method auc = io.userasset.local.output.Evaluation.class.getDeclaredMethod("auc", List.class);
        auc.setAccessible(true);
        // positives 0.9, 0.5; negatives 0.5, 0.1 → pairs: (0.9>0.5) (0.9>0.1) (0.5=0.5: ½) (0.5>0.1) = 3.5 / 4
        List<double[]> scored = List.of(new double[]{0.9, 1}, new double[]{0.5, 1}, new double[]{0.5, 0}, new double[]{0.1, 0});
        assertThat((double) auc.invoke(null, scored)).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void costPerMillionEventsFromTheBundledPrices() {
        PriceTable p = PriceTable.bundled();
        assertThat(p.region()).isEqualTo("us-east-1");
        CostReport.Usage u = new CostReport.Usage(1_000_000, 2_000_000, Map.of(), Map.of("SendMessageBatch", 500_000L,
                "ReceiveMessage", 500_000L), Map.of("PutObject", 1000L, "GetObject", 10_000L, "DeleteObject", 50L), 1_000_000, 100_000,
                Map.of("ingest-sqs", new CostReport.FunctionUsage(1_000_000, 2048, 1024)));
        CostReport c = CostReport.of(u, p, 2_000_000);
        // 1 M WRU × 0.625 + 2 M RRU × 0.125 = 0.875; SQS 1 M × 0.40; EventBridge 1 M × 1.00;
        // S3 1,000 PUT × 0.005/1000 + 10,000 GET × 0.0004/1000 = 0.009; Lambda 1 M × 0.20 + 2,048 GB-s × 0.0000133334
        assertThat(c.costByService().get("dynamodb")).isCloseTo(0.875, within(1e-9));
        assertThat(c.costByService().get("sqs")).isCloseTo(0.40, within(1e-9));
        assertThat(c.costByService().get("eventbridge")).isCloseTo(1.00, within(1e-9));
        assertThat(c.costByService().get("s3")).isCloseTo(0.009, within(1e-9));
        assertThat(c.costByService().get("lambda")).isCloseTo(0.20 + 2048 * 0.0000133334, within(1e-9));
        assertThat(c.perMillionEventsUsd()).isCloseTo(c.totalUsd() / 2, within(1e-9));
    }

    @Test
    void demoPopulationIsDeterministicBySeedAndHoldsBackTheLastDays() {
        DemoPopulation a = DemoPopulation.generate(300, 20, 10, 99, LocalDate.parse("2026-03-02"));
        DemoPopulation b = DemoPopulation.generate(300, 20, 10, 99, LocalDate.parse("2026-03-02"));
        List<String> bodiesA = new ArrayList<>(), bodiesB = new ArrayList<>();
        for (LocalDate d = a.firstDay(); !d.isAfter(a.lastDay()); d = d.plusDays(1)) {
            a.eventsOn(d).stream().map(OutboundEvent::body).forEach(bodiesA::add);
            b.eventsOn(d).stream().map(OutboundEvent::body).forEach(bodiesB::add);
        }
        assertThat(bodiesA).isEqualTo(bodiesB).isNotEmpty();
        assertThat(a.truth()).isEqualTo(b.truth()).hasSize(300);
        assertThat(a.eventsOn(a.lastDay().plusDays(1))).isEmpty();
        assertThat(a.truth().values()).extracting(DemoPopulation.Truth::archetype).contains(DemoPopulation.Archetype.values());
        // every format an app may send
        assertThat(bodiesA).anyMatch(s -> s.contains("\"messageId\"")).anyMatch(s -> s.contains("\"detail-type\""))
                .anyMatch(s -> s.contains("\"acquisition_cost\"")).anyMatch(s -> s.contains("\"identify\""));
        // deal hunters buy while subsidies run and are gone in the holdout
        long dealHuntersBack = a.truth().values().stream().filter(t -> t.archetype() == DemoPopulation.Archetype.DEAL_HUNTER)
                .filter(t -> a.holdout().get(t.userId()).returned()).count();
        assertThat(dealHuntersBack).isZero();
    }
}
