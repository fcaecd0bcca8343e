package io.userasset.local.input;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.local.LocalRun;
import io.userasset.local.output.Evaluation;
import io.userasset.local.pipeline.InputRejection;
import io.userasset.local.pipeline.OutboundEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A user's file read into what a run needs: messages by day of event time (the pipeline sends them
 * day by day, in order), messages whose day could not be told (sent on the first day, where the
 * engine rejects them with its own reason), the lines rejected before sending, and — for events
 * after {@code --as-of} — the held-back outcome of each user, to judge the predictions.
 */
public final class DatedInput implements LocalRun.Feed {
    private final TreeMap<LocalDate, List<Dated>> byDay = new TreeMap<>();
    private final List<OutboundEvent> unplaced = new ArrayList<>();
    private final List<InputRejection> rejections = new ArrayList<>();
    private final LocalDate asOf;
    private final int horizonDays;
    private final Map<String, Holdout> holdout = new HashMap<>();
    private long holdoutEvents;
    private long beyondHorizon;
    private long lines;
    private long blankLines;
    private int seq;
    private LocalDate first;
    private LocalDate last;

    private record Dated(long epochMilli, int seq, OutboundEvent event) {}

    private static final class Holdout {
        boolean returned;
        final Set<LocalDate> purchaseDays = new HashSet<>();
        double revenue;
    }

    public DatedInput(LocalDate asOf, int horizonDays) {
        this.asOf = asOf;
        this.horizonDays = horizonDays;
    }

    /** A message whose event time is known: sent on its day, or held back when after --as-of. */
    public void add(LocalDate day, long epochMilli, OutboundEvent event) {
        if (asOf != null && day.isAfter(asOf)) {
            holdoutEvents++;
            return;
        }
        byDay.computeIfAbsent(day, k -> new ArrayList<>()).add(new Dated(epochMilli, seq++, event));
    }

    /** A message the runner cannot place in time (the engine will reject it): sent on the first day. */
    public void addUnplaced(OutboundEvent event) {
        unplaced.add(event);
    }

    public void reject(InputRejection r) {
        rejections.add(r);
    }

    /**
     * What a user did after --as-of, within the horizon: any activity (returned), a purchase on a day,
     * revenue (negative for refunds).
     */
    public void heldBack(String userId, LocalDate day, boolean active, boolean purchase, double revenue) {
        if (asOf == null || !day.isAfter(asOf)) return;
        if (day.isAfter(asOf.plusDays(horizonDays))) {
            beyondHorizon++;
            return;
        }
        Holdout h = holdout.computeIfAbsent(userId, k -> new Holdout());
        h.returned |= active;
        if (purchase) h.purchaseDays.add(day);
        h.revenue += revenue;
    }

    public void countLine(boolean blank) {
        lines++;
        if (blank) blankLines++;
    }

    /** Sorts each day by event time and fixes the run's days; throws when nothing is left to run. */
    public DatedInput seal() {
        for (List<Dated> list : byDay.values()) {
            list.sort((a, b) -> a.epochMilli != b.epochMilli ? Long.compare(a.epochMilli, b.epochMilli) : Integer.compare(a.seq, b.seq));
        }
        if (byDay.isEmpty()) {
            if (unplaced.isEmpty()) throw new IllegalArgumentException("no event to run" + (asOf == null ? "" : " up to --as-of " + asOf));
            throw new IllegalArgumentException("no line has a usable event time, so there is no day to run: "
                    + unplaced.size() + " line(s) would all be rejected");
        }
        first = byDay.firstKey();
        last = asOf != null ? asOf : byDay.lastKey();
        if (last.isBefore(first)) throw new IllegalArgumentException("--as-of " + asOf + " is before the first event day " + first);
        return this;
    }

    @Override
    public LocalDate firstDay() {
        return first;
    }

    @Override
    public LocalDate lastDay() {
        return last;
    }

    @Override
    public List<OutboundEvent> eventsOn(LocalDate day) {
        List<OutboundEvent> out = new ArrayList<>();
        if (day.equals(first)) out.addAll(unplaced);
        for (Dated d : byDay.getOrDefault(day, List.of())) out.add(d.event);
        return out;
    }

    public List<InputRejection> rejections() {
        return rejections;
    }

    public long toSend() {
        return unplaced.size() + byDay.values().stream().mapToLong(List::size).sum();
    }

    public long unplacedCount() {
        return unplaced.size();
    }

    public long holdoutEvents() {
        return holdoutEvents;
    }

    public long lines() {
        return lines;
    }

    public long blankLines() {
        return blankLines;
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The held-back truth, or null without --as-of. */
    public Evaluation.GroundTruth truth(String returnedMeans) {
        if (asOf == null) return null;
        Map<String, Evaluation.Outcome> outcomes = new TreeMap<>();
        holdout.forEach((id, h) -> outcomes.put(id, new Evaluation.Outcome(h.returned, h.purchaseDays.size(), h.revenue)));
        return new Evaluation.GroundTruth(horizonDays, returnedMeans, outcomes);
    }

    public ObjectNode stats() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("lines", lines);
        n.put("blankLines", blankLines);
        n.put("messages", toSend());
        n.put("withoutEventTime", unplaced.size());
        n.put("rejectedBeforeSending", rejections.size());
        n.put("heldBackAfterAsOf", holdoutEvents);
        if (asOf != null) {
            n.put("asOf", asOf.toString());
            n.put("horizonDays", horizonDays);
            n.put("heldBackBeyondHorizon", beyondHorizon);
        }
        return n;
    }
}
