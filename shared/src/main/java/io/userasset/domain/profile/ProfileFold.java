package io.userasset.domain.profile;

import io.userasset.events.Event;
import io.userasset.events.EventType;
import io.userasset.events.Payload;
import io.userasset.domain.time.Days;

import java.util.Arrays;

/**
 * Folds events into {@link ProfileFacts}. Commutative and idempotent (SPEC §3): any order and any
 * repetition of the same events give the same facts, provided each event arrives within the
 * deduplication horizon of its user's newest event (docs/reliability.md states the exact bound).
 */
public final class ProfileFold {
    private final Days days;
    private final int dedupHorizonDays;
    private final int windowWeeks;

    /**
     * @param days             the configured calendar
     * @param dedupHorizonDays keys of non-idempotent events are remembered this many days back from the newest event
     * @param windowDays       the rolling RFM window; the weekly ledger covers it in whole weeks
     */
    public ProfileFold(Days days, int dedupHorizonDays, int windowDays) {
        this.days = days;
        this.dedupHorizonDays = dedupHorizonDays;
        this.windowWeeks = (windowDays + 6) / 7;
    }

    public Days days() {
        return days;
    }

    public int windowWeeks() {
        return windowWeeks;
    }

    public ProfileFacts empty() {
        return new ProfileFacts(windowWeeks);
    }

    /**
     * Folds one user event. Identify events go through {@link #link}; company events
     * (acquisition_cost) never reach a profile.
     */
    public FoldOutcome apply(ProfileFacts f, Event e) {
        int day = days.dayOf(e.occurredAt());
        long at = e.occurredAt().toEpochMilli();
        advanceTo(f, day);
        boolean late = day < f.headDay - dedupHorizonDays;
        Payload p = e.payload();
        if (p instanceof Payload.Session) {
            return activity(f, day, at) ? FoldOutcome.APPLIED : FoldOutcome.DUPLICATE;
        }
        if (p instanceof Payload.Registration r) {
            boolean changed = offerRegistration(f, at, Fingerprint.of("registration", e.eventId()), r.channel(), r.campaign());
            changed |= activity(f, day, at);
            return changed ? FoldOutcome.APPLIED : FoldOutcome.DUPLICATE;
        }
        if (p instanceof Payload.OrderPaid o) {
            if (!remember(f, late, Fingerprint.of("order", o.orderId()), day)) return FoldOutcome.DUPLICATE;
            addOrder(f, day, o.amount().milli());
            activity(f, day, at);
        } else if (p instanceof Payload.OrderRefunded r) {
            if (!remember(f, late, Fingerprint.of("refund", e.eventId()), day)) return FoldOutcome.DUPLICATE;
            f.refunds++;
            f.refundedMilli += r.amount().milli();
            f.weekly.addRefund(weekOffset(f, day), r.amount().milli());
        } else if (p instanceof Payload.ReferralConverted r) {
            if (!remember(f, late, Fingerprint.of("referral", r.referredUserId()), day)) return FoldOutcome.DUPLICATE;
            f.referrals++;
            f.weekly.addEngagement(WeeklyLedger.REFERRALS, weekOffset(f, day));
            f.lastSocialDay = max(f.lastSocialDay, day);
        } else if (p instanceof Payload.ContentShared) {
            if (!remember(f, late, Fingerprint.of("share", e.eventId()), day)) return FoldOutcome.DUPLICATE;
            f.shares++;
            f.weekly.addEngagement(WeeklyLedger.SHARES, weekOffset(f, day));
            f.lastSocialDay = max(f.lastSocialDay, day);
            activity(f, day, at);
        } else if (p instanceof Payload.ContentPosted c) {
            if (!remember(f, late, Fingerprint.of("post", c.contentId()), day)) return FoldOutcome.DUPLICATE;
            f.posts++;
            f.weekly.addEngagement(WeeklyLedger.POSTS, weekOffset(f, day));
            f.lastSocialDay = max(f.lastSocialDay, day);
            activity(f, day, at);
        } else {
            throw new IllegalArgumentException(e.type().wireName() + " is not folded by apply()");
        }
        return late ? FoldOutcome.APPLIED_LATE : FoldOutcome.APPLIED;
    }

    /**
     * Links an anonymous id to the user: what was recorded under it (if anything) is merged into the
     * user's facts, once. A repeated link is a duplicate.
     */
    public FoldOutcome link(ProfileFacts user, String anonymousId, ProfileFacts anonymous) {
        long fp = anonymousFingerprint(anonymousId);
        int at = Arrays.binarySearch(user.linkedAnonymous, fp);
        if (at >= 0) return FoldOutcome.DUPLICATE;
        int insert = -at - 1;
        long[] linked = new long[user.linkedAnonymous.length + 1];
        System.arraycopy(user.linkedAnonymous, 0, linked, 0, insert);
        linked[insert] = fp;
        System.arraycopy(user.linkedAnonymous, insert, linked, insert + 1, user.linkedAnonymous.length - insert);
        user.linkedAnonymous = linked;
        if (anonymous != null) absorb(user, anonymous);
        return FoldOutcome.APPLIED;
    }

    /**
     * Whether folding the event consults the deduplication keys, so a profile's {@link KeyArchive}
     * must be loaded first: keyed events, and identify (which merges another profile's keys).
     */
    public static boolean usesDedupKeys(Event e) {
        Payload p = e.payload();
        return e.type() == EventType.IDENTIFY || p instanceof Payload.OrderPaid
                || p instanceof Payload.OrderRefunded || p instanceof Payload.ReferralConverted
                || p instanceof Payload.ContentShared || p instanceof Payload.ContentPosted;
    }

    /**
     * Keeps the profile item small: when more than {@code inlineLimit} keys are inline, they and the
     * current archive's keys still inside the horizon move to a new archive with id {@code newId},
     * which is returned to be stored before the profile that refers to it; null when nothing moved.
     * The set of keys, and so every fold result, stays the same.
     */
    public KeyArchive spillKeys(ProfileFacts f, int inlineLimit, long newId) {
        return f.recentKeys.spill(inlineLimit, newId, f.headDay - dedupHorizonDays);
    }

    /**
     * The same facts with every deduplication key inline (the archive, which must be loaded, merged
     * in): equal for equal facts however their keys are split between the item and an archive.
     */
    public ProfileFacts withAllKeysInline(ProfileFacts f) {
        ProfileFacts c = f.copy();
        c.recentKeys = f.recentKeys.allInline(f.headDay - dedupHorizonDays);
        return c;
    }

    public int dedupHorizonDays() {
        return dedupHorizonDays;
    }

    public static long anonymousFingerprint(String anonymousId) {
        return Fingerprint.of("anonymous", anonymousId);
    }

    /** Marks an anonymous profile as merged into a user: later events for it are redirected there. */
    public void markMerged(ProfileFacts anonymous, String userId) {
        anonymous.mergedInto = userId;
    }

    // ---- parts ------------------------------------------------------------------------------------

    private boolean remember(ProfileFacts f, boolean late, long fingerprint, int day) {
        return late || f.recentKeys.add(fingerprint, day, f.headDay - dedupHorizonDays);
    }

    private void advanceTo(ProfileFacts f, int day) {
        if (f.headDay == Days.NONE) {
            f.headDay = day;
            return;
        }
        if (day <= f.headDay) return;
        int delta = day - f.headDay;
        f.recentActivity.advance(delta);
        f.purchaseDaysBeforeWindow += f.purchaseDays.advance(delta);
        f.weekly.advance(Days.weekOf(day) - Days.weekOf(f.headDay));
        f.headDay = day;
        f.recentKeys.evictBefore(day - dedupHorizonDays);
    }

    private int weekOffset(ProfileFacts f, int day) {
        return Days.weekOf(f.headDay) - Days.weekOf(day);
    }

    private static boolean offerRegistration(ProfileFacts f, long at, long tie, String channel, String campaign) {
        boolean earlier = f.registeredAtMilli == ProfileFacts.NO_TIME || at < f.registeredAtMilli
                || (at == f.registeredAtMilli && Long.compareUnsigned(tie, f.registrationTie) < 0);
        if (!earlier) return false;
        f.registeredAtMilli = at;
        f.registrationTie = tie;
        f.channel = label(channel);
        f.campaign = label(campaign);
        return true;
    }

    private static String label(String s) {
        return s == null || s.length() <= ProfileFacts.MAX_LABEL_LENGTH ? s : s.substring(0, ProfileFacts.MAX_LABEL_LENGTH);
    }

    /** Records activity on a day at a time; returns whether anything changed. */
    private static boolean activity(ProfileFacts f, int day, long at) {
        boolean changed = false;
        if (at > f.lastActiveAtMilli) {
            f.lastActiveAtMilli = at;
            changed = true;
        }
        if (day <= f.headDay) changed |= f.recentActivity.set(f.headDay - day);
        if (f.firstSeenDay == Days.NONE) {
            f.firstSeenDay = day;
            f.earlyActivity = 1L;
            return true;
        }
        if (day < f.firstSeenDay) {
            int shift = f.firstSeenDay - day;
            f.earlyActivity = shift >= ProfileFacts.EARLY_ACTIVITY_DAYS ? 0L : f.earlyActivity << shift;
            f.earlyActivity |= 1L;
            f.firstSeenDay = day;
            return true;
        }
        int offset = day - f.firstSeenDay;
        if (offset < ProfileFacts.EARLY_ACTIVITY_DAYS) {
            long bit = 1L << offset;
            if ((f.earlyActivity & bit) == 0) {
                f.earlyActivity |= bit;
                changed = true;
            }
        }
        return changed;
    }

    private void addOrder(ProfileFacts f, int day, long milli) {
        f.orders++;
        f.grossMilli += milli;
        f.weekly.addOrder(weekOffset(f, day), milli);
        int offset = f.headDay - day;
        if (offset < ProfileFacts.PURCHASE_DAY_WINDOW) {
            f.purchaseDays.set(offset);
        } else {
            // Older than the window: its day can no longer be checked, so it counts as a new occasion.
            f.purchaseDaysBeforeWindow++;
        }
        if (f.firstOrderDay == Days.NONE || day < f.firstOrderDay) {
            f.firstOrderDay = day;
            f.firstDaySpendMilli = milli;
        } else if (day == f.firstOrderDay) {
            f.firstDaySpendMilli += milli;
        }
        f.lastOrderDay = max(f.lastOrderDay, day);
    }

    /** The join of two profiles' facts (used when an anonymous visitor is linked to a user). */
    private void absorb(ProfileFacts target, ProfileFacts source) {
        if (source.headDay == Days.NONE) return;
        advanceTo(target, source.headDay);
        int lag = target.headDay - source.headDay;

        target.recentActivity.orShifted(source.recentActivity, lag);
        DayBits purchases = source.purchaseDays.copy();
        target.purchaseDaysBeforeWindow += source.purchaseDaysBeforeWindow + purchases.advance(lag);
        target.purchaseDays.orShifted(purchases, 0);
        target.weekly.addAll(source.weekly, Days.weekOf(target.headDay) - Days.weekOf(source.headDay));
        target.recentKeys.addAll(source.recentKeys, target.headDay - dedupHorizonDays);
        target.recentKeys.evictBefore(target.headDay - dedupHorizonDays);

        if (source.registeredAtMilli != ProfileFacts.NO_TIME) {
            offerRegistration(target, source.registeredAtMilli, source.registrationTie, source.channel, source.campaign);
        }
        mergeEarlyActivity(target, source);
        target.lastActiveAtMilli = Math.max(target.lastActiveAtMilli, source.lastActiveAtMilli);

        if (source.firstOrderDay != Days.NONE) {
            if (target.firstOrderDay == Days.NONE || source.firstOrderDay < target.firstOrderDay) {
                target.firstOrderDay = source.firstOrderDay;
                target.firstDaySpendMilli = source.firstDaySpendMilli;
            } else if (source.firstOrderDay == target.firstOrderDay) {
                target.firstDaySpendMilli += source.firstDaySpendMilli;
            }
        }
        target.lastOrderDay = max(target.lastOrderDay, source.lastOrderDay);
        target.orders += source.orders;
        target.refunds += source.refunds;
        target.grossMilli += source.grossMilli;
        target.refundedMilli += source.refundedMilli;
        target.referrals += source.referrals;
        target.shares += source.shares;
        target.posts += source.posts;
        target.lastSocialDay = max(target.lastSocialDay, source.lastSocialDay);
    }

    private static void mergeEarlyActivity(ProfileFacts target, ProfileFacts source) {
        if (source.firstSeenDay == Days.NONE) return;
        if (target.firstSeenDay == Days.NONE) {
            target.firstSeenDay = source.firstSeenDay;
            target.earlyActivity = source.earlyActivity;
            return;
        }
        int anchor = Math.min(target.firstSeenDay, source.firstSeenDay);
        target.earlyActivity = shiftEarly(target.earlyActivity, target.firstSeenDay - anchor)
                | shiftEarly(source.earlyActivity, source.firstSeenDay - anchor);
        target.firstSeenDay = anchor;
    }

    private static long shiftEarly(long bits, int shift) {
        return shift >= ProfileFacts.EARLY_ACTIVITY_DAYS ? 0L : bits << shift;
    }

    private static int max(int a, int b) {
        if (a == Days.NONE) return b;
        if (b == Days.NONE) return a;
        return Math.max(a, b);
    }
}
