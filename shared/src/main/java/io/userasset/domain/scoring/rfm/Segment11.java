package io.userasset.domain.scoring.rfm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The 11-segment R×FM grid. The cell of a customer is (R score, FM score), FM = round-half-up of the mean of the
 * F and M scores, i.e. {@code (F + M + 1) / 2} in integer arithmetic. The map (rows FM 5 → 1, columns R 1 → 5):
 *
 * <pre>
 *  FM\R |  1            2            3               4                   5
 *  5    |  cant-lose    cant-lose    loyal           loyal               champions
 *  4    |  at-risk      at-risk      loyal           loyal               champions
 *  3    |  at-risk      at-risk      need-attention  potential-loyalist  potential-loyalist
 *  2    |  hibernating  hibernating  about-to-sleep  potential-loyalist  potential-loyalist
 *  1    |  lost         hibernating  about-to-sleep  promising           new
 * </pre>
 *
 * This is the widely used R×F(M) grid of the practitioner literature (the 10-segment map popularized by RFM
 * tutorials) with its lowest corner (R1, FM1) split off as "lost", as in Putler's 11 segments. {@link #NONE} is
 * for users who never ordered.
 */
public enum Segment11 {
    CHAMPIONS("champions", "Champions"),
    LOYAL("loyal", "Loyal"),
    POTENTIAL_LOYALIST("potential-loyalist", "Potential loyalist"),
    NEW("new", "New"),
    PROMISING("promising", "Promising"),
    NEED_ATTENTION("need-attention", "Need attention"),
    ABOUT_TO_SLEEP("about-to-sleep", "About to sleep"),
    AT_RISK("at-risk", "At risk"),
    CANT_LOSE_THEM("cant-lose-them", "Can't lose them"),
    HIBERNATING("hibernating", "Hibernating"),
    LOST("lost", "Lost"),
    NONE("none", "None");

    /** GRID[fm − 1][r − 1]. */
    private static final Segment11[][] GRID = {
            /* FM1 */ {LOST, HIBERNATING, ABOUT_TO_SLEEP, PROMISING, NEW},
            /* FM2 */ {HIBERNATING, HIBERNATING, ABOUT_TO_SLEEP, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST},
            /* FM3 */ {AT_RISK, AT_RISK, NEED_ATTENTION, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST},
            /* FM4 */ {AT_RISK, AT_RISK, LOYAL, LOYAL, CHAMPIONS},
            /* FM5 */ {CANT_LOSE_THEM, CANT_LOSE_THEM, LOYAL, LOYAL, CHAMPIONS},
    };

    private final String id;
    private final String label;

    Segment11(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The grid cell of R score and FM score, both 1–5. */
    public static Segment11 of(int rScore, int fmScore) {
        if (rScore < 1 || rScore > 5 || fmScore < 1 || fmScore > 5) {
            throw new IllegalArgumentException("scores must be 1–5: R=" + rScore + " FM=" + fmScore);
        }
        return GRID[fmScore - 1][rScore - 1];
    }

    /** FM score: the mean of the F and M scores rounded half up, {@code (f + m + 1) / 2}. */
    public static int fmScore(int fScore, int mScore) {
        return (fScore + mScore + 1) / 2;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    @JsonCreator
    public static Segment11 fromId(String id) {
        for (Segment11 s : values()) {
            if (s.id.equals(id)) return s;
        }
        throw new IllegalArgumentException("unknown 11-segment id: " + id);
    }
}
