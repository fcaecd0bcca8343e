package io.userasset.domain.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.config.RfmConfig;
import io.userasset.config.ValueConfig;
import io.userasset.domain.scoring.rfm.CutPoints;
import io.userasset.domain.scoring.rfm.RfmModel;
import io.userasset.domain.scoring.value.QuantileTable;
import io.userasset.domain.scoring.value.ValueModel;

/**
 * Everything population-dependent that scoring needs: RFM cut points and means, and the value percentile tables.
 * Built daily by {@link PopulationSketches#toModel}; before the first daily run {@link #defaults} applies, so that
 * streaming scoring works on day one. JSON-serializable ({@link #toJson}, {@link #fromJson}).
 *
 * @param asOfDay       epoch day of the population it was computed from; null for the defaults
 * @param relativeError bound on the relative error of each cut point and table point against the exact quantile
 *                      ({@link PopulationSketches#RELATIVE_ERROR} = 0.005, rounded toward zero; exact for
 *                      whole-number metrics up to 1024); 0 for the defaults
 * @param rfm           RFM cut points and means (customers = 0 when they are the configured defaults)
 * @param value         value percentile tables (a table's n = 0 when it is the default)
 */
public record ScoringModel(Integer asOfDay, double relativeError, RfmModel rfm, ValueModel value) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Default mean of the positive social raw value (referralWeight × referrals + shares) for the default table. */
    public static final double DEFAULT_MEAN_SOCIAL = 3;
    /** Default mean number of posts among posting users. */
    public static final double DEFAULT_MEAN_CONTENT = 2;
    /** Default mean active days among users active in the activity window. */
    public static final double DEFAULT_MEAN_ACTIVE_DAYS = 6;
    /** Default mean tenure in days. */
    public static final double DEFAULT_MEAN_TENURE_DAYS = 365;
    /** Default mean repeat purchase days among repeat buyers. */
    public static final double DEFAULT_MEAN_REPEAT_DAYS = 2;

    public ScoringModel {
        if (rfm == null || value == null) throw new IllegalArgumentException("rfm and value parts are required");
        if (!(relativeError >= 0 && relativeError < 1)) throw new IllegalArgumentException("invalid relativeError: " + relativeError);
    }

    /**
     * The model before any population is known. RFM: the configured default cut points and means (rfm.default*).
     * Value tables (101 points, n = 0): counts follow a geometric distribution on {1, 2, …} — frequency with mean
     * max(rfm.defaultMeanFrequency, 1.5), social 3, content 2, active days 6 (capped at value.activityWindowDays),
     * repeat purchase days 2 — and amounts/durations an exponential distribution — monetary with mean
     * rfm.defaultMeanMonetary (at least 1), tenure 365 days; rank 1 is taken at 0.999.
     */
    public static ScoringModel defaults(ScoringConfig c) {
        return new ScoringModel(null, 0, defaultRfm(c.rfm()), defaultValue(c.rfm(), c.value()));
    }

    public static RfmModel defaultRfm(RfmConfig r) {
        return new RfmModel(0, CutPoints.of(r.defaultRecencyCuts()), CutPoints.of(r.defaultFrequencyCuts()),
                CutPoints.of(r.defaultMonetaryCuts()), r.defaultMeanRecencyDays(), r.defaultMeanFrequency(),
                r.defaultMeanMonetary());
    }

    public static ValueModel defaultValue(RfmConfig r, ValueConfig v) {
        return new ValueModel(0,
                QuantileTable.geometric(Math.max(r.defaultMeanFrequency(), 1.5), Double.MAX_VALUE),
                QuantileTable.exponential(Math.max(r.defaultMeanMonetary(), 1)),
                QuantileTable.geometric(DEFAULT_MEAN_SOCIAL, Double.MAX_VALUE),
                QuantileTable.geometric(DEFAULT_MEAN_CONTENT, Double.MAX_VALUE),
                QuantileTable.geometric(DEFAULT_MEAN_ACTIVE_DAYS, v.activityWindowDays()),
                QuantileTable.exponential(DEFAULT_MEAN_TENURE_DAYS),
                QuantileTable.geometric(DEFAULT_MEAN_REPEAT_DAYS, Double.MAX_VALUE));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize scoring model", e);
        }
    }

    public static ScoringModel fromJson(String json) {
        try {
            return JSON.readValue(json, ScoringModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid scoring model JSON: " + e.getOriginalMessage(), e);
        }
    }
}
