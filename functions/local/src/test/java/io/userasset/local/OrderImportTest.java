package io.userasset.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.userasset.config.ConfigLoader;
import io.userasset.local.input.DatedInput;
import io.userasset.local.input.OrderCsvReader;
import io.userasset.local.output.Evaluation;
import io.userasset.local.pipeline.InputRejection;
import io.userasset.local.pipeline.OutboundEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** import-orders: the real order logs of ../shared/datasets and malformed files, line by line. */
class OrderImportTest {

    private static OrderCsvReader reader(String user, String time, String amount, String quantity, String price, String order,
                                         String format, String delimiter) {
        return new OrderCsvReader(new OrderCsvReader.Spec(user, time, amount, quantity, price, order, format, delimiter, false,
                "USD", ZoneOffset.UTC));
    }

    private static Map<String, Long> codes(DatedInput in) {
        return in.rejections().stream().collect(Collectors.groupingBy(InputRejection::code, TreeMap::new, Collectors.counting()));
    }

    private static List<JsonNode> events(DatedInput in) {
        List<JsonNode> out = new ArrayList<>();
        for (LocalDate d = in.firstDay(); !d.isAfter(in.lastDay()); d = d.plusDays(1)) {
            for (OutboundEvent e : in.eventsOn(d)) out.add(parse(e.body()));
        }
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return TestFiles.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cdnowSampleAsOfSeptember1997() {
        DatedInput in = new DatedInput(LocalDate.parse("1997-09-30"), 273);
        OrderCsvReader.Counts counts = reader("1", "3", "5", null, null, null, "yyyyMMdd", "whitespace")
                .read(TestFiles.datasets().resolve("cdnow/CDNOW_sample.txt"), in);
        in.seal();
        // 6,919 purchases; 8 of $0 are rejected (the engine takes positive amounts only); the rest are orders
        assertThat(counts.rows).isEqualTo(6919);
        assertThat(counts.orders).isEqualTo(6911);
        assertThat(counts.refunds).isZero();
        assertThat(codes(in)).containsExactly(Map.entry("zero_amount", 8L));
        assertThat(in.rejections().get(0).origin()).isEqualTo("CDNOW_sample.txt:226");
        // calibration 1997-01-01 … 1997-09-30 is sent, the 39-week holdout is held back
        assertThat(in.firstDay()).isEqualTo(LocalDate.parse("1997-01-01"));
        assertThat(in.lastDay()).isEqualTo(LocalDate.parse("1997-09-30"));
        assertThat(in.toSend()).isEqualTo(4952);
        assertThat(in.holdoutEvents()).isEqualTo(1959);
        Evaluation.GroundTruth truth = in.truth("a purchase");
        assertThat(truth.horizonDays()).isEqualTo(273);
        assertThat(truth.outcomes().values().stream().mapToInt(Evaluation.Outcome::purchaseDays).sum()).isEqualTo(1882);
        JsonNode first = events(in).get(0);
        assertThat(first.path("type").asText()).isEqualTo("order_paid");
        assertThat(first.path("userId").asText()).isEqualTo("00004");
        assertThat(first.path("occurredAt").asText()).isEqualTo("1997-01-01T12:00:00Z");
        assertThat(first.path("properties").path("orderId").asText()).isEqualTo("00004-19970101120000-L1");
        assertThat(first.path("properties").path("amount").decimalValue()).isEqualByComparingTo("29.33");
    }

    @Test
    void onlineRetailInvoicesWithQuantityTimesPrice() {
        DatedInput in = new DatedInput(null, 90);
        OrderCsvReader.Counts counts = reader("CustomerID", "InvoiceDate", null, "Quantity", "UnitPrice", "InvoiceNo", null, null)
                .read(TestFiles.datasets().resolve("online-retail/online_retail_subset_uci_2010-12-01_to_05.csv"), in);
        in.seal();
        // 8,373 rows after the header (BOM skipped; 119 rows wrapped whole in quotes are unwrapped); rows without
        // CustomerID are rejected; the rest form 391 invoices: 352 orders and 39 cancellations ("C…") = refunds
        assertThat(counts.rows).isEqualTo(8373);
        assertThat(codes(in)).containsExactly(Map.entry("missing_user", 2290L));
        assertThat(counts.rowsUsed).isEqualTo(8373 - 2290);
        assertThat(counts.orders).isEqualTo(352);
        assertThat(counts.refunds).isEqualTo(39);
        assertThat(in.firstDay()).isEqualTo(LocalDate.parse("2010-12-01"));
        assertThat(in.lastDay()).isEqualTo(LocalDate.parse("2010-12-05"));
        List<JsonNode> events = events(in);
        assertThat(events).hasSize(391);
        JsonNode first = events.get(0);
        // invoice 536365: 7 lines, Σ quantity × price = 139.12, customer 17850.0 → 17850
        assertThat(first.path("properties").path("orderId").asText()).isEqualTo("536365");
        assertThat(first.path("userId").asText()).isEqualTo("17850");
        assertThat(first.path("occurredAt").asText()).isEqualTo("2010-12-01T08:26:00Z");
        assertThat(first.path("properties").path("amount").decimalValue()).isEqualByComparingTo("139.12");
        JsonNode refund = events.stream().filter(e -> e.path("type").asText().equals("order_refunded")).findFirst().orElseThrow();
        assertThat(refund.path("properties").path("orderId").asText()).startsWith("C");
        assertThat(refund.path("properties").path("amount").decimalValue().signum()).isPositive();
    }

    @Test
    void malformedFileEveryBadRowRejectedWithLineAndReason(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("orders.csv");
        Files.writeString(csv, String.join("\n",
                "\uFEFFuser,time,amount",                       // 1 header (with BOM)
                "u1,2026-03-02 10:00:00,19.90",                 // 2 ok
                "u1,2026-03-02 10:00:00,\"1,5\"",               // 3 amount with a comma: not a number
                "u2,2026-13-45 10:00:00,10",                    // 4 impossible date
                ",2026-03-03 09:00:00,5",                       // 5 no user
                "u3,2026-03-03 09:00:00",                       // 6 truncated: no amount column
                "",                                             // 7 blank: skipped
                "u4,yesterday,5",                               // 8 not a date
                "u5,2026-03-04 12:00:00,-12.5",                 // 9 refund without an order id
                "u6,2026-03-04 12:00:00,0",                     // 10 zero
                "u7,2026-03-05T08:00:00Z,7.25",                 // 11 ok (ISO instant)
                "u8,2026-03-05 08:00:00,abc",                   // 12 not a number
                "\"u9,2026-03-05 08:00:00,3"));                 // 13 unterminated quote: the rest is unreadable
        DatedInput in = new DatedInput(null, 90);
        OrderCsvReader.Counts counts = reader("user", "time", "amount", null, null, null, null, null).read(csv, in);
        in.seal();
        assertThat(counts.orders).isEqualTo(2);
        assertThat(in.rejections()).extracting(r -> r.origin() + " " + r.code()).containsExactly(
                "orders.csv:3 invalid_amount", "orders.csv:4 invalid_date", "orders.csv:5 missing_user",
                "orders.csv:6 missing_column", "orders.csv:8 invalid_date", "orders.csv:12 invalid_amount",
                "orders.csv unreadable_csv", "orders.csv:9 refund_without_order_id", "orders.csv:10 zero_amount");
        assertThat(in.rejections()).allSatisfy(r -> assertThat(r.stage()).isEqualTo(InputRejection.INPUT));
        assertThat(in.rejections().get(6).message()).contains("cannot be read further");
        assertThat(in.rejections().get(7).message()).contains("needs the id of the order");
        assertThat(in.blankLines()).isEqualTo(1);
        assertThat(in.toSend()).isEqualTo(2);
    }

    @Test
    void negativeTotalWithAnOrderIdIsARefundAndUsersOfOneOrderMustAgree(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("lines.tsv");
        Files.writeString(csv, String.join("\n",
                "A1\tu1\t2026-03-02\t2\t5.00",
                "A1\tu1\t2026-03-02\t1\t2.50",
                "A1\tu2\t2026-03-02\t1\t9.99",      // another user on order A1
                "C1\tu1\t2026-03-03\t-1\t5.00",     // cancellation: refund of C1
                "A2\tu3\t2026-03-03\t1\t0"));       // zero total
        DatedInput in = new DatedInput(null, 90);
        reader("2", "3", null, "4", "5", "1", "yyyy-MM-dd", "tab").read(csv, in);
        in.seal();
        List<JsonNode> events = events(in);
        assertThat(events).extracting(e -> e.path("type").asText() + " " + e.path("properties").path("orderId").asText() + " "
                + e.path("properties").path("amount").asText()).containsExactly("order_paid A1 12.5", "order_refunded C1 5");
        assertThat(in.rejections()).extracting(r -> r.origin() + " " + r.code())
                .containsExactly("lines.tsv:3 order_user_mismatch", "lines.tsv:5 zero_amount");
    }

    @Test
    void unknownColumnNamesStopTheImportWithTheHeader(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("o.csv");
        Files.writeString(csv, "customer,when,total\nu1,2026-03-02,5\n");
        assertThatThrownBy(() -> reader("user", "when", "total", null, null, null, null, null).read(csv, new DatedInput(null, 90)))
                .hasMessageContaining("--user-col 'user' is not in the header [customer, when, total]");
    }

    @Test
    void onlineRetailThroughThePipeline(@TempDir Path dir) {
        Path out = dir.resolve("out");
        TestFiles.Run run = TestFiles.cli("import-orders", "--csv",
                TestFiles.datasets().resolve("online-retail/online_retail_subset_uci_2010-12-01_to_05.csv").toString(),
                "--user-col", "CustomerID", "--time-col", "InvoiceDate", "--quantity-col", "Quantity", "--price-col", "UnitPrice",
                "--order-col", "InvoiceNo", "--out", out.toString(), "--no-progress", "--show-rejections", "2");
        assertThat(run.exit()).as(run.stderr()).isZero();
        JsonNode events = TestFiles.json(out.resolve("summary.json")).path("events");
        assertThat(events.path("sent").asLong()).isEqualTo(391);
        assertThat(events.path("applied").asLong()).isEqualTo(391);
        assertThat(events.path("rejected").asLong()).isZero();
        assertThat(events.path("inputRejected").asLong()).isEqualTo(2290);
        assertThat(events.path("balanced").asBoolean()).isTrue();
        List<JsonNode> rejected = TestFiles.lines(out.resolve("rejected.jsonl"));
        assertThat(rejected).hasSize(2290).allSatisfy(r -> {
            assertThat(r.path("origin").asText()).matches("online_retail_subset_uci_2010-12-01_to_05\\.csv:\\d+");
            assertThat(r.path("code").asText()).isEqualTo("missing_user");
        });
        assertThat(run.stderr()).contains("rejected online_retail_subset_uci_2010-12-01_to_05.csv:").contains("more rejections: see rejected.jsonl");
        // 288 customers bought; refunds lower their net revenue
        List<JsonNode> profiles = TestFiles.lines(out.resolve("profiles.jsonl"));
        assertThat(profiles).hasSize(288);
        assertThat(TestFiles.lines(out.resolve("profiles.jsonl")).stream().mapToDouble(p -> p.path("netRevenue").asDouble()).sum())
                .isPositive();
        assertThat(run.stdout()).contains("391 sent = 391 applied + 0 duplicate + 0 rejected + 0 dead-lettered")
                .contains("2,290 input lines rejected before sending");
    }

    @Test
    void cdnowPresetThroughTheCommandLineReportsFileLineAndReason(@TempDir Path dir) throws IOException {
        // the CLI's own validation: a missing file is an error (exit 1) with its name, before anything starts
        TestFiles.Run run = TestFiles.cli("import-orders", "--format", "cdnow", "--csv", dir.resolve("missing.txt").toString(),
                "--out", dir.toString(), "--no-progress");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("missing.txt");
        assertThat(ConfigLoader.defaults().events().currency()).isEqualTo("USD");
    }
}
