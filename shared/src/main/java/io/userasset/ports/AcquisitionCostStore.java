package io.userasset.ports;

import io.userasset.events.Event;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Marketing spend per channel and day, from acquisition_cost events (for CAC). */
public interface AcquisitionCostStore {

    /** Records the cost events; one record per event id, so a redelivered event overwrites itself. */
    void record(List<Event> costEvents);

    /** Spend per channel over the days {@code first} to {@code last}, both included, in thousandths of the deployment currency. */
    Map<String, Long> costsBetween(LocalDate first, LocalDate last);
}
