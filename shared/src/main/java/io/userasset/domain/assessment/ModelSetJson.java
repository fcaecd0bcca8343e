package io.userasset.domain.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON document of a {@link ModelSet} (stored by the daily job, exported as model.json). */
public final class ModelSetJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelSetJson() {}

    public static String toJson(ModelSet models) {
        try {
            return JSON.writeValueAsString(models);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize models", e);
        }
    }

    public static ModelSet fromJson(String json) {
        try {
            return JSON.readValue(json, ModelSet.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid models JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String toPrettyJson(ModelSet models) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(models);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize models", e);
        }
    }
}
