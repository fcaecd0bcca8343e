package io.userasset.domain.assessment;

/**
 * The last two daily marks of a profile. A run for day D compares with the mark of the run before
 * it; re-running D finds its own mark as {@code latest} and compares with {@code previous}, so a
 * re-run measures exactly what the first run measured.
 *
 * <p>Scores that ingest computed on an earlier day than the run's, and after the latest mark, count
 * as that day's mark ({@link #asSeenOn}): they are the user's position at the end of that day, which
 * is what the daily run of that day would have recorded. So the daily job need not write a mark for
 * a user ingest re-scored that day, and ingest keeps such a mark when it replaces those scores.
 */
public record DailyMarks(DailyMark latest, DailyMark previous) {
    public static final DailyMarks NONE = new DailyMarks(null, null);

    /** The mark a run for {@code day} compares against: the latest one strictly before that day. */
    public DailyMark baselineFor(int day) {
        if (latest != null && latest.day() < day) return latest;
        if (previous != null && previous.day() < day) return previous;
        return null;
    }

    /** The marks after a run for {@code mark.day()}. */
    public DailyMarks record(DailyMark mark) {
        DailyMark base = baselineFor(mark.day());
        return new DailyMarks(mark, base);
    }

    /**
     * The marks as a run for {@code day} sees them: the stored ones, plus the stored scores as the
     * mark of the day they were computed if that day is before {@code day} and after the latest mark.
     */
    public DailyMarks asSeenOn(int day, ProfileScores stored) {
        if (stored == null || stored.asOfDay() >= day || (latest != null && stored.asOfDay() <= latest.day())) return this;
        return record(DailyMark.of(stored));
    }
}
