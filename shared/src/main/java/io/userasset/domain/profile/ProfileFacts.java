package io.userasset.domain.profile;

import io.userasset.domain.time.Days;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the events of one user (or anonymous visitor) have established: the folded state of the
 * profile, before any scoring. {@link ProfileFold} is the only writer. Every field is either a
 * semilattice (min, max, set union of day flags) or a sum guarded by {@link RecentKeys}, which is
 * what makes the fold commutative and idempotent (SPEC §3).
 *
 * <p>Day-windowed parts (recent activity, purchase days, weekly ledger, recent keys) end at the
 * head day: the newest event day of this profile.
 *
 * <p>Mutable and not thread-safe: one fold owns an instance at a time; {@link #copy()} to share.
 */
public final class ProfileFacts {
    public static final int RECENT_ACTIVITY_DAYS = 128;
    public static final int EARLY_ACTIVITY_DAYS = 64;
    public static final int PURCHASE_DAY_WINDOW = 384;
    public static final long NO_TIME = Long.MIN_VALUE;
    /** Long enough for a campaign name; longer ones are cut so the item stays in one write unit. */
    static final int MAX_LABEL_LENGTH = 64;

    int headDay = Days.NONE;

    long registeredAtMilli = NO_TIME;
    long registrationTie;
    String channel;
    String campaign;

    int firstSeenDay = Days.NONE;
    long earlyActivity;
    DayBits recentActivity = new DayBits(RECENT_ACTIVITY_DAYS);
    long lastActiveAtMilli = NO_TIME;

    int firstOrderDay = Days.NONE;
    int lastOrderDay = Days.NONE;
    long firstDaySpendMilli;
    DayBits purchaseDays = new DayBits(PURCHASE_DAY_WINDOW);
    int purchaseDaysBeforeWindow;
    long orders;
    long refunds;
    long grossMilli;
    long refundedMilli;
    WeeklyLedger weekly;

    int referrals;
    int shares;
    int posts;
    int lastSocialDay = Days.NONE;

    RecentKeys recentKeys = new RecentKeys();
    long[] linkedAnonymous = new long[0];
    String mergedInto;

    public ProfileFacts(int windowWeeks) {
        this.weekly = new WeeklyLedger(windowWeeks);
    }

    // ---- reading ---------------------------------------------------------------------------------

    public boolean isEmpty() {
        return headDay == Days.NONE && mergedInto == null && linkedAnonymous.length == 0;
    }

    public int headDay() { return headDay; }
    public boolean isRegistered() { return registeredAtMilli != NO_TIME; }
    public long registeredAtMilli() { return registeredAtMilli; }
    public String channel() { return channel; }
    public String campaign() { return campaign; }
    public int firstSeenDay() { return firstSeenDay; }
    public long lastActiveAtMilli() { return lastActiveAtMilli; }
    public int firstOrderDay() { return firstOrderDay; }
    public int lastOrderDay() { return lastOrderDay; }
    public long orders() { return orders; }
    public long refunds() { return refunds; }
    public long grossMilli() { return grossMilli; }
    public long refundedMilli() { return refundedMilli; }
    public long netMilli() { return grossMilli - refundedMilli; }
    public long firstDaySpendMilli() { return firstDaySpendMilli; }
    public int referrals() { return referrals; }
    public int shares() { return shares; }
    public int posts() { return posts; }
    public int lastSocialDay() { return lastSocialDay; }
    public String mergedInto() { return mergedInto; }
    public int windowWeeks() { return weekly.weeks(); }
    /** Deduplication keys held in the profile item itself. */
    public int inlineKeyCount() { return recentKeys.inlineSize(); }
    /** The archive holding the rest of the deduplication keys, or null. */
    public KeyArchiveRef keyArchive() { return recentKeys.archiveRef(); }
    /** Whether keyed events (and links) can be folded: no archive, or the archive is loaded. */
    public boolean keyArchiveLoaded() { return recentKeys.archiveLoaded(); }

    /** Supplies the archive this profile refers to (read by the caller from where archives are kept). */
    public void loadKeyArchive(KeyArchive archive) {
        recentKeys.loadArchive(archive);
    }

    /**
     * Forgets the archive, when it no longer exists because it expired: its keys can no longer
     * recognise repeats of the events they came from.
     */
    public void dropKeyArchive() {
        recentKeys.dropArchive();
    }

    /** Was the user active on this day? Unknown (false) for days outside both activity windows. */
    public boolean activeOn(int day) {
        if (headDay != Days.NONE && day <= headDay && headDay - day < RECENT_ACTIVITY_DAYS) {
            return recentActivity.get(headDay - day);
        }
        return firstSeenDay != Days.NONE && day >= firstSeenDay && day - firstSeenDay < EARLY_ACTIVITY_DAYS
                && (earlyActivity & (1L << (day - firstSeenDay))) != 0;
    }

    /** Whether {@link #activeOn} knows the answer for this day. */
    public boolean activityKnownOn(int day) {
        boolean inRecent = headDay != Days.NONE && day <= headDay && headDay - day < RECENT_ACTIVITY_DAYS;
        boolean inEarly = firstSeenDay != Days.NONE && day >= firstSeenDay && day - firstSeenDay < EARLY_ACTIVITY_DAYS;
        return inRecent || inEarly || (headDay != Days.NONE && day > headDay) || (firstSeenDay != Days.NONE && day < firstSeenDay);
    }

    /** Days active in the {@code days} days ending with {@code asOfDay}. */
    public int activeDays(int asOfDay, int days) {
        int n = 0;
        for (int d = asOfDay - days + 1; d <= asOfDay; d++) {
            if (activeOn(d)) n++;
        }
        return n;
    }

    /** Latest day with activity on or before {@code asOfDay}, or {@link Days#NONE}. */
    public int lastActiveDayAsOf(int asOfDay, Days days) {
        if (lastActiveAtMilli == NO_TIME) return Days.NONE;
        int last = days.dayOfEpochMilli(lastActiveAtMilli);
        if (last <= asOfDay) return last;
        for (int d = asOfDay; d > asOfDay - RECENT_ACTIVITY_DAYS; d--) {
            if (activeOn(d)) return d;
        }
        return Days.NONE;
    }

    /** Distinct purchase days (purchase occasions) on or before {@code asOfDay}. */
    public int purchaseDays(int asOfDay) {
        if (headDay == Days.NONE) return 0;
        int skip = Math.max(0, headDay - asOfDay);
        return purchaseDaysBeforeWindow + purchaseDays.count(skip, PURCHASE_DAY_WINDOW);
    }

    /** Latest purchase day on or before {@code asOfDay}, or {@link Days#NONE}. */
    public int lastOrderDayAsOf(int asOfDay) {
        if (lastOrderDay == Days.NONE || lastOrderDay <= asOfDay) return lastOrderDay;
        for (int offset = headDay - asOfDay; offset < PURCHASE_DAY_WINDOW; offset++) {
            if (purchaseDays.get(offset)) return headDay - offset;
        }
        return Days.NONE;
    }

    /** Orders in the rolling window of whole weeks ending with the week of {@code asOfDay}. */
    public int ordersInWindow(int asOfDay) {
        int from = weekOffset(asOfDay);
        return from < 0 ? 0 : weekly.orders(from, from + weekly.weeks());
    }

    /** Net revenue (orders − refunds) in the same window, in thousandths. */
    public long netMilliInWindow(int asOfDay) {
        int from = weekOffset(asOfDay);
        return from < 0 ? 0 : weekly.netMilli(from, from + weekly.weeks());
    }

    /** Referrals credited in the whole weeks of {@code windowDays} ending with the week of {@code asOfDay}. */
    public int referralsInWindow(int asOfDay, int windowDays) {
        return engagementInWindow(WeeklyLedger.REFERRALS, asOfDay, windowDays);
    }

    public int sharesInWindow(int asOfDay, int windowDays) {
        return engagementInWindow(WeeklyLedger.SHARES, asOfDay, windowDays);
    }

    public int postsInWindow(int asOfDay, int windowDays) {
        return engagementInWindow(WeeklyLedger.POSTS, asOfDay, windowDays);
    }

    private int engagementInWindow(int kind, int asOfDay, int windowDays) {
        int from = weekOffset(asOfDay);
        return from < 0 ? 0 : weekly.engagement(kind, from, from + Math.min(weekly.weeks(), (windowDays + 6) / 7));
    }

    private int weekOffset(int asOfDay) {
        if (headDay == Days.NONE) return -1;
        return Math.max(0, Days.weekOf(headDay) - Days.weekOf(asOfDay));
    }

    public boolean hasLinked(long anonymousFingerprint) {
        return Arrays.binarySearch(linkedAnonymous, anonymousFingerprint) >= 0;
    }

    public int linkedAnonymousCount() {
        return linkedAnonymous.length;
    }

    public ProfileFacts copy() {
        ProfileFacts c = new ProfileFacts(weekly.weeks());
        c.headDay = headDay;
        c.registeredAtMilli = registeredAtMilli;
        c.registrationTie = registrationTie;
        c.channel = channel;
        c.campaign = campaign;
        c.firstSeenDay = firstSeenDay;
        c.earlyActivity = earlyActivity;
        c.recentActivity = recentActivity.copy();
        c.lastActiveAtMilli = lastActiveAtMilli;
        c.firstOrderDay = firstOrderDay;
        c.lastOrderDay = lastOrderDay;
        c.firstDaySpendMilli = firstDaySpendMilli;
        c.purchaseDays = purchaseDays.copy();
        c.purchaseDaysBeforeWindow = purchaseDaysBeforeWindow;
        c.orders = orders;
        c.refunds = refunds;
        c.grossMilli = grossMilli;
        c.refundedMilli = refundedMilli;
        c.weekly = weekly.copy();
        c.referrals = referrals;
        c.shares = shares;
        c.posts = posts;
        c.lastSocialDay = lastSocialDay;
        c.recentKeys = recentKeys.copy();
        c.linkedAnonymous = linkedAnonymous.clone();
        c.mergedInto = mergedInto;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProfileFacts p)) return false;
        return headDay == p.headDay && registeredAtMilli == p.registeredAtMilli && registrationTie == p.registrationTie
                && Objects.equals(channel, p.channel) && Objects.equals(campaign, p.campaign)
                && firstSeenDay == p.firstSeenDay && earlyActivity == p.earlyActivity
                && recentActivity.equals(p.recentActivity) && lastActiveAtMilli == p.lastActiveAtMilli
                && firstOrderDay == p.firstOrderDay && lastOrderDay == p.lastOrderDay
                && firstDaySpendMilli == p.firstDaySpendMilli && purchaseDays.equals(p.purchaseDays)
                && purchaseDaysBeforeWindow == p.purchaseDaysBeforeWindow && orders == p.orders
                && refunds == p.refunds && grossMilli == p.grossMilli && refundedMilli == p.refundedMilli
                && weekly.equals(p.weekly) && referrals == p.referrals && shares == p.shares && posts == p.posts
                && lastSocialDay == p.lastSocialDay && recentKeys.equals(p.recentKeys)
                && Arrays.equals(linkedAnonymous, p.linkedAnonymous) && Objects.equals(mergedInto, p.mergedInto);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headDay, registeredAtMilli, firstSeenDay, lastActiveAtMilli, orders, grossMilli,
                refundedMilli, recentKeys, mergedInto);
    }

    @Override
    public String toString() {
        return "ProfileFacts{head=" + headDay + ", registeredAt=" + registeredAtMilli + ", channel=" + channel
                + ", firstSeen=" + firstSeenDay + ", lastActiveAt=" + lastActiveAtMilli
                + ", orders=" + orders + ", refunds=" + refunds + ", gross=" + grossMilli + ", refunded=" + refundedMilli
                + ", firstOrder=" + firstOrderDay + ", lastOrder=" + lastOrderDay
                + ", purchaseDays=" + (purchaseDaysBeforeWindow + purchaseDays.cardinality())
                + ", referrals=" + referrals + ", shares=" + shares + ", posts=" + posts
                + ", inlineKeys=" + recentKeys.inlineSize()
                + ", keyArchive=" + (recentKeys.archiveRef() == null ? "none" : recentKeys.archiveRef().size() + " keys")
                + ", linked=" + linkedAnonymous.length
                + ", mergedInto=" + mergedInto + "}";
    }
}
