package io.userasset.application.daily;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A message of the daily job's fan-out: a segment to work on ({@code segment} ≥ 0) or a reduction
 * ({@code segment} = -1), for one day and phase.
 *
 * @param phase "score" for a segment's work; "finalize" for the reduction
 */
public record DailyMessage(String date, String phase, int segment, int segments) {
    public static final String SCORE = "score";
    public static final String FINALIZE = "finalize";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static DailyMessage work(String date, String phase, int segment, int segments) {
        return new DailyMessage(date, phase, segment, segments);
    }

    public static DailyMessage reduce(String date, String phase, int segments) {
        return new DailyMessage(date, phase, -1, segments);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DailyMessage fromJson(String json) {
        try {
            DailyMessage m = JSON.readValue(json, DailyMessage.class);
            if (m.date() == null || m.phase() == null || m.segments() < 1) throw new IllegalArgumentException("incomplete daily message: " + json);
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a daily message: " + e.getOriginalMessage(), e);
        }
    }
}
