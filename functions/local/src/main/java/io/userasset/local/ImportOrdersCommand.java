package io.userasset.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.config.EngineConfig;
import io.userasset.local.input.DatedInput;
import io.userasset.local.input.OrderCsvReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "import-orders", mixinStandardHelpOptions = true,
        description = "Turns a plain order log (CSV, TSV, whitespace-separated) into order_paid / order_refunded events and "
                + "runs them through the pipeline. Orders after --as-of are held back and compared with the predicted purchases.")
final class ImportOrdersCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    CommonOptions common;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The order log.")
    Path csv;

    @Option(names = "--format", paramLabel = "NAME", description = "Preset: cdnow = --user-col 1 --time-col 3 --amount-col 5 "
            + "--time-format yyyyMMdd --delimiter whitespace (the CDNOW logs of ../shared/datasets/cdnow).")
    String format;

    @Option(names = "--user-col", paramLabel = "C", description = "User column: header name or 1-based number.")
    String userCol;

    @Option(names = "--time-col", paramLabel = "C", description = "Order time column.")
    String timeCol;

    @Option(names = "--amount-col", paramLabel = "C", description = "Order amount column (negative = refund, needs --order-col).")
    String amountCol;

    @Option(names = "--quantity-col", paramLabel = "C", description = "Quantity column: amount = quantity × price (with --price-col).")
    String quantityCol;

    @Option(names = "--price-col", paramLabel = "C", description = "Unit price column (with --quantity-col).")
    String priceCol;

    @Option(names = "--order-col", paramLabel = "C", description = "Order id column: rows of one order add up to one event.")
    String orderCol;

    @Option(names = "--time-format", paramLabel = "PATTERN", description = "java.time pattern, e.g. yyyyMMdd or 'yyyy-MM-dd HH:mm:ss' "
            + "(default: ISO and a few common forms).")
    String timeFormat;

    @Option(names = "--delimiter", paramLabel = "D", description = "Field delimiter: one character, tab, semicolon or whitespace (default: ,).")
    String delimiter;

    @Option(names = "--header", description = "The first row is a header (implied when a column is given by name).")
    boolean header;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Run up to this day; later orders are held back for evaluation.")
    LocalDate asOf;

    @Option(names = "--horizon-days", defaultValue = "90", paramLabel = "N",
            description = "Days after --as-of whose purchases are compared with the predictions (default: ${DEFAULT-VALUE}).")
    int horizonDays;

    @Override
    public Integer call() {
        if ("cdnow".equals(format)) {
            if (userCol == null) userCol = "1";
            if (timeCol == null) timeCol = "3";
            if (amountCol == null && quantityCol == null) amountCol = "5";
            if (timeFormat == null) timeFormat = "yyyyMMdd";
            if (delimiter == null) delimiter = "whitespace";
        } else if (format != null) {
            throw new IllegalArgumentException("--format: only 'cdnow' is known");
        }
        EngineConfig config = common.engineConfig();
        OrderCsvReader reader = new OrderCsvReader(new OrderCsvReader.Spec(userCol, timeCol, amountCol, quantityCol, priceCol,
                orderCol, timeFormat, delimiter, header, config.events().currency(), config.time().zoneId()));
        DatedInput input = new DatedInput(asOf, horizonDays);
        OrderCsvReader.Counts counts = reader.read(csv, input);
        input.seal();
        ObjectNode stats = input.stats();
        stats.put("file", csv.toString());
        stats.put("rows", counts.rows);
        stats.put("rowsUsed", counts.rowsUsed);
        stats.put("rowsRejected", counts.rowsRejected);
        stats.put("orders", counts.orders);
        stats.put("refunds", counts.refunds);
        LocalRun.Job job = new LocalRun.Job("import-orders", "orders of " + csv.getFileName(), main.commandLine(), stats,
                input.rejections(), input.truth("a purchase"), null, input.holdoutEvents(), null);
        LocalRun.run(common.options("out/import", main.out, main.err), job, input);
        return 0;
    }
}
