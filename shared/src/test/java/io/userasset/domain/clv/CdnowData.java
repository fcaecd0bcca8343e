package io.userasset.domain.clv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the CDNOW purchase logs of ../shared/datasets/cdnow (see its README): the sample
 * ({@code customer sample_id yyyyMMdd cds dollars}, no header) or the master file
 * ({@code customer yyyyMMdd cds dollars} with a header line).
 */
final class CdnowData {
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

    /** Purchases of one customer, in file order. */
    record Customer(String id, long[] days, double[] amounts) {}

    final List<Customer> customers;
    final int rows;

    private CdnowData(List<Customer> customers, int rows) {
        this.customers = customers;
        this.rows = rows;
    }

    static Path datasetDir() {
        String root = System.getProperty("userasset.projectRoot");
        if (root != null && !root.isBlank()) {
            Path p = Path.of(root).resolve("../shared/datasets").normalize();
            if (Files.isDirectory(p)) return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("../shared/datasets").normalize();
            if (Files.isDirectory(p.resolve("cdnow"))) return p;
        }
        throw new IllegalStateException("../shared/datasets not found from userasset.projectRoot or the working directory");
    }

    static CdnowData sample() {
        return read(datasetDir().resolve("cdnow/CDNOW_sample.txt"), true);
    }

    static CdnowData master() {
        return read(datasetDir().resolve("cdnow/CDNOW_master.txt"), false);
    }

    static CdnowData read(Path file, boolean sampleFormat) {
        Map<String, List<long[]>> days = new LinkedHashMap<>();
        Map<String, List<Double>> amounts = new LinkedHashMap<>();
        int rows = 0;
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !Character.isDigit(f[0].charAt(0))) continue; // header / blank
                String id = f[0];
                String date = sampleFormat ? f[2] : f[1];
                double dollars = Double.parseDouble(sampleFormat ? f[4] : f[3]);
                LocalDate d = LocalDate.of(Integer.parseInt(date.substring(0, 4)), Integer.parseInt(date.substring(4, 6)),
                        Integer.parseInt(date.substring(6, 8)));
                days.computeIfAbsent(id, k -> new ArrayList<>()).add(new long[] {d.toEpochDay()});
                amounts.computeIfAbsent(id, k -> new ArrayList<>()).add(dollars);
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Customer> out = new ArrayList<>();
        for (var e : days.entrySet()) {
            List<long[]> ds = e.getValue();
            List<Double> as = amounts.get(e.getKey());
            long[] dd = new long[ds.size()];
            double[] aa = new double[ds.size()];
            for (int i = 0; i < dd.length; i++) {
                dd[i] = ds.get(i)[0];
                aa[i] = as.get(i);
            }
            out.add(new Customer(e.getKey(), dd, aa));
        }
        return new CdnowData(out, rows);
    }

    /** Calibration summaries (purchase days) as of 1997-09-30. */
    List<CustomerSummary> calibration() {
        List<CustomerSummary> s = new ArrayList<>();
        for (Customer c : customers) s.add(CustomerSummary.fromPurchases(c.days(), c.amounts(), CALIBRATION_END.toEpochDay()));
        return s;
    }

    /** Purchase days in the holdout period 1997-10-01 … 1998-06-30. */
    long[] holdoutPurchaseDays() {
        long[] h = new long[customers.size()];
        long from = CALIBRATION_END.toEpochDay(), to = HOLDOUT_END.toEpochDay();
        for (int i = 0; i < h.length; i++) {
            h[i] = java.util.Arrays.stream(customers.get(i).days()).filter(d -> d > from && d <= to).distinct().count();
        }
        return h;
    }

    FrequencyStats frequencyStats() {
        FrequencyStats.Builder b = FrequencyStats.builder();
        for (CustomerSummary c : calibration()) b.add(c);
        return b.build();
    }

    SpendStats spendStats(double width) {
        SpendStats.Builder b = SpendStats.builder(width);
        for (CustomerSummary c : calibration()) b.add(c);
        return b.build();
    }

    /** The other convention: x = repeat TRANSACTIONS (same-day purchases counted separately). */
    FrequencyStats transactionCountStats() {
        FrequencyStats.Builder b = FrequencyStats.builder();
        long end = CALIBRATION_END.toEpochDay();
        for (Customer c : customers) {
            long first = java.util.Arrays.stream(c.days()).min().orElseThrow();
            long[] cal = java.util.Arrays.stream(c.days()).filter(d -> d <= end).sorted().toArray();
            int x = cal.length - 1;
            int tx = (int) (cal[cal.length - 1] - first);
            b.add(x, x == 0 ? 0 : tx, (int) (end - first));
        }
        return b.build();
    }
}
