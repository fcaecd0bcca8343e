package io.userasset.application.daily;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.domain.clv.FrequencyStats;
import io.userasset.domain.clv.SpendStats;
import io.userasset.domain.scoring.PopulationSketches;

import java.util.Base64;
import java.util.List;

/**
 * What a worker measures of its segment for the refit: population distributions (cut points,
 * percentile tables) and the grouped CLV statistics. Everything merges exactly.
 */
public record MeasurePartial(String population, String frequency, String spend) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static MeasurePartial of(PopulationSketches p, FrequencyStats f, SpendStats s) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new MeasurePartial(p.toBase64(), b64.encodeToString(f.toBytes()), b64.encodeToString(s.toBytes()));
    }

    public PopulationSketches populationSketches() {
        return PopulationSketches.fromBase64(population);
    }

    public FrequencyStats frequencyStats() {
        return FrequencyStats.fromBytes(Base64.getDecoder().decode(frequency));
    }

    public SpendStats spendStats() {
        return SpendStats.fromBytes(Base64.getDecoder().decode(spend));
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MeasurePartial fromJson(byte[] json) {
        try {
            return JSON.readValue(json, MeasurePartial.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("corrupt measure partial", e);
        }
    }

    /** Merges the partials of every segment (spend bins of the configured width when there are none). */
    public static Merged merge(List<MeasurePartial> parts, double spendBinRelativeWidth) {
        PopulationSketches population = new PopulationSketches();
        FrequencyStats frequency = FrequencyStats.empty();
        SpendStats spend = null;
        for (MeasurePartial p : parts) {
            population.merge(p.populationSketches());
            frequency = frequency.merge(p.frequencyStats());
            spend = spend == null ? p.spendStats() : spend.merge(p.spendStats());
        }
        return new Merged(population, frequency, spend == null ? SpendStats.empty(spendBinRelativeWidth) : spend);
    }

    public record Merged(PopulationSketches population, FrequencyStats frequency, SpendStats spend) {}
}
