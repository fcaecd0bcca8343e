package io.userasset.local.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.local.pipeline.InputRejection;
import io.userasset.local.pipeline.OutboundEvent;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a plain order log (CSV, TSV, whitespace-separated …) into {@code order_paid} and
 * {@code order_refunded} events, for {@code import-orders}.
 *
 * <p>Rules (README "Local run"):
 * <ul>
 *   <li>Columns are named by header or by 1-based number. A first row is a header when any column is
 *       given by name (or with {@code --header}). A UTF-8 byte-order mark is skipped; quoted fields may
 *       hold delimiters.</li>
 *   <li>The amount is one column, or quantity × price. With an order column, the rows of one order
 *       (e.g. the lines of an invoice) add up to one event, at the order's earliest time; without one,
 *       each row is an order whose id is derived from user, time and line
 *       ({@code <user>-<yyyyMMddHHmmss>-L<line>}), so re-importing the file gives the same ids.</li>
 *   <li>A positive total is an {@code order_paid}. A negative total is a refund: an
 *       {@code order_refunded} of that order id when there is an order column (Online Retail's
 *       cancellation invoices "C…"), else a rejection — a refund needs the order it refunds. A zero
 *       total is rejected (the engine takes positive amounts only).</li>
 *   <li>A row without user, with a time or number that does not parse, or with too few columns is
 *       rejected with its file, line and reason; so are the rows of an order whose total is rejected,
 *       and a row naming another user than its order's first row. Everything else goes on.</li>
 *   <li>User ids written as whole decimals ({@code 17850.0}) are read as integers ({@code 17850}).</li>
 *   <li>Amounts are in the deployment currency ({@code events.currency}), rounded to 3 decimals.</li>
 * </ul>
 */
public final class OrderCsvReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WHOLE_DECIMAL = Pattern.compile("^(-?\\d+)\\.0+$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final List<DateTimeFormatter> DEFAULT_FORMATS = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"),
            DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("yyyyMMdd"),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm"), DateTimeFormatter.ofPattern("M/d/yyyy"));

    /** How to read the file. Column references are header names or 1-based numbers. */
    public record Spec(String userCol, String timeCol, String amountCol, String quantityCol, String priceCol,
                       String orderCol, String timeFormat, String delimiter, boolean header, String currency,
                       ZoneId zone) {

        public Spec {
            if (userCol == null || timeCol == null) throw new IllegalArgumentException("--user-col and --time-col are required");
            if ((amountCol == null) == (quantityCol == null || priceCol == null)) {
                throw new IllegalArgumentException("give either --amount-col, or --quantity-col and --price-col");
            }
        }

        boolean byName() {
            for (String c : new String[]{userCol, timeCol, amountCol, quantityCol, priceCol, orderCol}) {
                if (c != null && !c.matches("\\d+")) return true;
            }
            return false;
        }
    }

    private final Spec spec;
    private final List<DateTimeFormatter> formats;
    private final boolean dateOnly;

    public OrderCsvReader(Spec spec) {
        this.spec = spec;
        if (spec.timeFormat() != null) {
            this.formats = List.of(DateTimeFormatter.ofPattern(spec.timeFormat(), Locale.ROOT));
            this.dateOnly = !spec.timeFormat().matches(".*[HhkKmsSaA].*");
        } else {
            this.formats = DEFAULT_FORMATS;
            this.dateOnly = false;
        }
    }

    /** What reading produced, besides the dated messages: counts for the summary. */
    public static final class Counts {
        public long rows, rowsUsed, orders, refunds, rowsRejected;
    }

    private static final class Order {
        final String id;
        final String user;
        final boolean derivedId;
        BigDecimal total = BigDecimal.ZERO;
        Instant at;
        final List<Integer> lines = new ArrayList<>();
        final List<String> raw = new ArrayList<>();

        Order(String id, String user, boolean derivedId) {
            this.id = id;
            this.user = user;
            this.derivedId = derivedId;
        }
    }

    public Counts read(Path file, DatedInput into) {
        try {
            return read(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), into);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (UTF-8 expected)", e);
        }
    }

    public Counts read(String name, String content, DatedInput into) {
        if (!content.isEmpty() && content.charAt(0) == '\uFEFF') content = content.substring(1);
        Counts counts = new Counts();
        Map<String, Order> orders = new LinkedHashMap<>();
        boolean header = spec.header() || spec.byName();
        try {
            if ("whitespace".equals(spec.delimiter())) {
                readWhitespace(name, content, header, orders, counts, into);
            } else {
                readCsv(name, content, header, orders, counts, into);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        emit(name, orders, counts, into);
        return counts;
    }

    private void readWhitespace(String name, String content, boolean header, Map<String, Order> orders, Counts counts,
                                DatedInput into) throws IOException {
        BufferedReader reader = new BufferedReader(new StringReader(content));
        String line;
        int lineNo = 0;
        Map<String, Integer> columns = null;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            boolean blank = line.isBlank();
            into.countLine(blank);
            if (blank) continue;
            List<String> fields = List.of(WHITESPACE.split(line.trim()));
            if (header && columns == null) {
                columns = indexOf(fields);
                continue;
            }
            row(name, lineNo, line, fields, columns, orders, counts, into);
        }
    }

    private void readCsv(String name, String content, boolean header, Map<String, Order> orders, Counts counts,
                         DatedInput into) throws IOException {
        String d = spec.delimiter() == null ? "," : spec.delimiter();
        char delimiter = switch (d) {
            case "tab", "\\t" -> '\t';
            case "semicolon" -> ';';
            case "comma" -> ',';
            default -> {
                if (d.length() != 1) {
                    throw new IllegalArgumentException("--delimiter must be one character, tab, comma, semicolon or whitespace");
                }
                yield d.charAt(0);
            }
        };
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setQuote('"').setIgnoreEmptyLines(false)
                .setTrim(true).get();
        String[] lines = content.split("\r?\n", -1);
        Map<String, Integer> columns = null;
        try (Reader in = new StringReader(content); CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            long previousEnd = 0;
            for (CSVRecord record : parser) {
                int lineNo = (int) previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                String raw = lineNo - 1 < lines.length ? lines[lineNo - 1] : "";
                List<String> fields = record.toList();
                boolean blank = fields.size() == 1 && fields.get(0).isEmpty();
                if (fields.size() == 1 && fields.get(0).indexOf(delimiter) >= 0) fields = unwrap(fields.get(0), format);
                into.countLine(blank);
                if (blank) continue;
                if (header && columns == null) {
                    columns = indexOf(fields);
                    continue;
                }
                row(name, lineNo, raw, fields, columns, orders, counts, into);
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // e.g. an unterminated quoted field: the rest of the file cannot be split into fields
            into.reject(InputRejection.input(name, "unreadable_csv", "", "the CSV cannot be read further: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), null));
        }
    }

    /**
     * A whole row written as one quoted field (as some exporters do with rows that contain quotes —
     * 119 rows of the Online Retail excerpt) is read again as a row.
     */
    private static List<String> unwrap(String row, CSVFormat format) {
        try (CSVParser inner = CSVParser.builder().setReader(new StringReader(row)).setFormat(format).get()) {
            List<CSVRecord> records = inner.getRecords();
            return records.size() == 1 ? records.get(0).toList() : List.of(row);
        } catch (IOException | RuntimeException e) {
            return List.of(row);
        }
    }

    private static Map<String, Integer> indexOf(List<String> header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) columns.putIfAbsent(header.get(i).trim(), i);
        return columns;
    }

    private int column(String ref, Map<String, Integer> columns, String option) {
        if (ref.matches("\\d+")) {
            int n = Integer.parseInt(ref);
            if (n < 1) throw new IllegalArgumentException(option + " " + ref + ": columns are numbered from 1");
            return n - 1;
        }
        if (columns == null) throw new IllegalArgumentException(option + " " + ref + ": a column name needs a header row");
        Integer i = columns.get(ref);
        if (i == null) throw new IllegalArgumentException(option + " '" + ref + "' is not in the header " + columns.keySet());
        return i;
    }

    private void row(String name, int lineNo, String raw, List<String> fields, Map<String, Integer> columns,
                     Map<String, Order> orders, Counts counts, DatedInput into) {
        counts.rows++;
        String origin = name + ":" + lineNo;
        int userAt = column(spec.userCol(), columns, "--user-col");
        int timeAt = column(spec.timeCol(), columns, "--time-col");
        int amountAt = spec.amountCol() == null ? -1 : column(spec.amountCol(), columns, "--amount-col");
        int quantityAt = spec.quantityCol() == null ? -1 : column(spec.quantityCol(), columns, "--quantity-col");
        int priceAt = spec.priceCol() == null ? -1 : column(spec.priceCol(), columns, "--price-col");
        int orderAt = spec.orderCol() == null ? -1 : column(spec.orderCol(), columns, "--order-col");
        int needed = Math.max(Math.max(userAt, timeAt), Math.max(Math.max(amountAt, quantityAt), Math.max(priceAt, orderAt))) + 1;
        if (fields.size() < needed) {
            reject(counts, into, origin, "missing_column", "", "the row has " + fields.size() + " field(s), " + needed
                    + " needed (truncated line?)", raw);
            return;
        }
        String user = fields.get(userAt).trim();
        var whole = WHOLE_DECIMAL.matcher(user);
        if (whole.matches()) user = whole.group(1);
        if (user.isEmpty()) {
            reject(counts, into, origin, "missing_user", column(spec.userCol()), "no user id in the row", raw);
            return;
        }
        Instant at = time(fields.get(timeAt).trim());
        if (at == null) {
            reject(counts, into, origin, "invalid_date", column(spec.timeCol()), "'" + fields.get(timeAt) + "' is not a time"
                    + (spec.timeFormat() == null ? " in a known format (give --time-format)" : " of the form " + spec.timeFormat()), raw);
            return;
        }
        BigDecimal amount;
        if (amountAt >= 0) {
            amount = number(fields.get(amountAt));
            if (amount == null) {
                reject(counts, into, origin, "invalid_amount", column(spec.amountCol()), "'" + fields.get(amountAt) + "' is not a number", raw);
                return;
            }
        } else {
            BigDecimal q = number(fields.get(quantityAt));
            BigDecimal p = number(fields.get(priceAt));
            if (q == null || p == null) {
                String bad = q == null ? fields.get(quantityAt) : fields.get(priceAt);
                reject(counts, into, origin, "invalid_amount", column(q == null ? spec.quantityCol() : spec.priceCol()),
                        "'" + bad + "' is not a number", raw);
                return;
            }
            amount = q.multiply(p);
        }
        String orderId;
        boolean derived = orderAt < 0;
        if (derived) {
            orderId = user + "-" + ID_TIME.format(at.atZone(spec.zone())) + "-L" + lineNo;
        } else {
            orderId = fields.get(orderAt).trim();
            if (orderId.isEmpty()) {
                reject(counts, into, origin, "missing_order_id", column(spec.orderCol()), "no order id in the row", raw);
                return;
            }
        }
        Order order = orders.get(orderId);
        if (order == null) {
            order = new Order(orderId, user, derived);
            orders.put(orderId, order);
        } else if (!order.user.equals(user)) {
            reject(counts, into, origin, "order_user_mismatch", column(spec.userCol()), "order " + orderId + " belongs to user "
                    + order.user + " (line " + order.lines.get(0) + "), not " + user, raw);
            return;
        }
        order.total = order.total.add(amount);
        if (order.at == null || at.isBefore(order.at)) order.at = at;
        order.lines.add(lineNo);
        order.raw.add(raw);
    }

    private void emit(String name, Map<String, Order> orders, Counts counts, DatedInput into) {
        for (Order o : orders.values()) {
            int sign = o.total.signum();
            String reason = null, code = null;
            if (sign == 0) {
                code = "zero_amount";
                reason = "the order's amount is 0; the engine takes positive amounts only";
            } else if (sign < 0 && o.derivedId) {
                code = "refund_without_order_id";
                reason = "a negative amount is a refund, and a refund needs the id of the order it refunds (give --order-col)";
            }
            if (code != null) {
                for (int i = 0; i < o.lines.size(); i++) {
                    reject(counts, into, name + ":" + o.lines.get(i), code, column(spec.amountCol() != null ? spec.amountCol() : spec.quantityCol()),
                            reason + (o.lines.size() > 1 ? " (order " + o.id + ", " + o.lines.size() + " rows)" : ""), o.raw.get(i));
                }
                continue;
            }
            BigDecimal amount = o.total.abs().setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
            if (amount.signum() == 0) {
                for (int i = 0; i < o.lines.size(); i++) {
                    reject(counts, into, name + ":" + o.lines.get(i), "zero_amount", "", "the order's amount rounds to 0.000", o.raw.get(i));
                }
                continue;
            }
            boolean refund = sign < 0;
            ObjectNode e = JSON.createObjectNode();
            e.put("eventId", (refund ? "refund:" : "order:") + o.id);
            e.put("type", refund ? "order_refunded" : "order_paid");
            e.put("userId", o.user);
            e.put("occurredAt", o.at.toString());
            e.putObject("properties").put("orderId", o.id).put("amount", amount).put("currency", spec.currency());
            e.putObject("context").put("source", "import-orders").put("file", name).put("line", o.lines.get(0));
            String origin = name + ":" + o.lines.get(0) + (o.lines.size() > 1 ? " (+" + (o.lines.size() - 1) + " rows)" : "");
            LocalDate day = o.at.atZone(spec.zone()).toLocalDate();
            into.add(day, o.at.toEpochMilli(), new OutboundEvent(e.toString(), origin));
            into.heldBack(o.user, day, !refund, !refund, refund ? -amount.doubleValue() : amount.doubleValue());
            counts.rowsUsed += o.lines.size();
            if (refund) counts.refunds++;
            else counts.orders++;
        }
    }

    private static void reject(Counts counts, DatedInput into, String origin, String code, String column, String message, String raw) {
        counts.rowsRejected++;
        into.reject(InputRejection.input(origin, code, column, message, raw));
    }

    private static String column(String ref) {
        return ref == null ? "" : "column " + ref;
    }

    private Instant time(String text) {
        if (text.isEmpty()) return null;
        for (DateTimeFormatter f : formats) {
            try {
                TemporalAccessor t = f.parseBest(text, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
                if (t instanceof ZonedDateTime z) return z.toInstant();
                if (t instanceof OffsetDateTime o) return o.toInstant();
                if (t instanceof LocalDateTime l) return l.atZone(spec.zone()).toInstant();
                if (t instanceof LocalDate d) return d.atTime(dateOnly || spec.timeFormat() == null ? LocalTime.NOON : LocalTime.MIDNIGHT)
                        .atZone(spec.zone()).toInstant();
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return null;
    }

    private static BigDecimal number(String text) {
        String t = text.trim();
        if (t.isEmpty()) return null;
        try {
            BigDecimal v = new BigDecimal(t);
            return v.abs().compareTo(new BigDecimal("1e12")) > 0 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
