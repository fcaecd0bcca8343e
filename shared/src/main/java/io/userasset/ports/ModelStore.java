package io.userasset.ports;

import io.userasset.domain.assessment.ModelSet;

import java.util.Optional;

/** Where the daily job keeps the models it fits, and streaming scoring finds the latest ones. */
public interface ModelStore {

    /** The latest published models, if the daily job ever ran. */
    Optional<ModelSet> latest();

    /** The models fitted for one day, if that day ran (a re-run of the day reuses them). */
    Optional<ModelSet> forDay(int day);

    /** The newest models fitted for a day before {@code day}: what the daily run of {@code day} scores with. */
    Optional<ModelSet> latestBefore(int day);

    /** Publishes the models fitted for their day and makes them the latest. */
    void publish(ModelSet models);
}
