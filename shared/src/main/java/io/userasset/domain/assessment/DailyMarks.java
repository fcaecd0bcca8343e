package io.userasset.domain.assessment;

/**
 * The last two daily marks of a profile. A run for day D compares with the mark of the run before
 * it; re-running D finds its own mark as {@code latest} and compares with {@code previous}, so a
 * re-run measures exactly what the first run measured.
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
}
