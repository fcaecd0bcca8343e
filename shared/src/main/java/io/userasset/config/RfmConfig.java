package io.userasset.config;

import java.util.List;

/**
 * RFM scoring (SPEC §4). Validated on load; see docs/models.md for every formula.
 *
 * @param windowDays             rolling window for F and M (SPEC §4)
 * @param minCustomersForCuts    below this many customers the daily model keeps the default cut points and means
 * @param segmentSchemes         segment schemes reported in snapshots and metrics: "rfm8", "rfm11" (both are always computed)
 * @param defaultRecencyCuts     4 ascending cut points (days since last order) used until the first daily run
 * @param defaultFrequencyCuts   4 ascending cut points (orders in the window) used until the first daily run
 * @param defaultMonetaryCuts    4 ascending cut points (net revenue in the window, deployment currency) until the first daily run
 * @param defaultMeanRecencyDays population mean of R used by the 8-segment scheme until the first daily run
 * @param defaultMeanFrequency   population mean of F used by the 8-segment scheme until the first daily run
 * @param defaultMeanMonetary    population mean of M used by the 8-segment scheme until the first daily run
 */
public record RfmConfig(int windowDays, int minCustomersForCuts, List<String> segmentSchemes,
                        List<Double> defaultRecencyCuts, List<Double> defaultFrequencyCuts,
                        List<Double> defaultMonetaryCuts, double defaultMeanRecencyDays,
                        double defaultMeanFrequency, double defaultMeanMonetary) {

    public static final List<String> KNOWN_SCHEMES = List.of("rfm8", "rfm11");

    public RfmConfig {
        if (windowDays < 1) throw new IllegalArgumentException("rfm.windowDays must be ≥ 1: " + windowDays);
        if (minCustomersForCuts < 1) throw new IllegalArgumentException("rfm.minCustomersForCuts must be ≥ 1");
        segmentSchemes = segmentSchemes == null ? KNOWN_SCHEMES : List.copyOf(segmentSchemes);
        for (String s : segmentSchemes) {
            if (!KNOWN_SCHEMES.contains(s)) throw new IllegalArgumentException("rfm.segmentSchemes: unknown scheme " + s);
        }
        defaultRecencyCuts = cuts("rfm.defaultRecencyCuts", defaultRecencyCuts);
        defaultFrequencyCuts = cuts("rfm.defaultFrequencyCuts", defaultFrequencyCuts);
        defaultMonetaryCuts = cuts("rfm.defaultMonetaryCuts", defaultMonetaryCuts);
        if (!(defaultMeanRecencyDays >= 0) || !(defaultMeanFrequency >= 0) || !Double.isFinite(defaultMeanMonetary)) {
            throw new IllegalArgumentException("rfm default means must be finite and R, F means ≥ 0");
        }
    }

    private static List<Double> cuts(String key, List<Double> c) {
        if (c == null || c.size() != 4) throw new IllegalArgumentException(key + " needs exactly 4 cut points");
        for (int i = 0; i < 4; i++) {
            if (c.get(i) == null || !Double.isFinite(c.get(i))) throw new IllegalArgumentException(key + " must be finite");
            if (i > 0 && c.get(i) < c.get(i - 1)) throw new IllegalArgumentException(key + " must be ascending");
        }
        return List.copyOf(c);
    }
}
