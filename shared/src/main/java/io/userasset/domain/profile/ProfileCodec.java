package io.userasset.domain.profile;

import io.userasset.domain.encoding.Bytes;
import io.userasset.domain.time.Days;

/**
 * The compact binary form of {@link ProfileFacts} stored in the profile item: varints, days as
 * offsets from the head day, empty parts omitted. A heavy user (a year of daily activity, 200
 * orders) takes about 0.5 KB, so a profile write costs one write unit; deduplication keys beyond
 * the inline limit are in a {@link KeyArchive}, which has its own encoding here. The first byte is
 * the format version; readers reject versions they do not know rather than misread them.
 */
public final class ProfileCodec {
    /** 2 added the key-archive reference; version 1 items (no archive) are still read. */
    public static final int VERSION = 2;
    private static final int ARCHIVE_FORMAT = 1;

    private static final int REGISTERED = 1;
    private static final int CHANNEL = 1 << 1;
    private static final int CAMPAIGN = 1 << 2;
    private static final int SEEN = 1 << 3;
    private static final int ORDERS = 1 << 4;
    private static final int SOCIAL = 1 << 5;
    private static final int MERGED_INTO = 1 << 6;
    private static final int REFUNDS = 1 << 7;

    private ProfileCodec() {}

    public static byte[] encode(ProfileFacts f) {
        int flags = (f.registeredAtMilli != ProfileFacts.NO_TIME ? REGISTERED : 0)
                | (f.channel != null ? CHANNEL : 0)
                | (f.campaign != null ? CAMPAIGN : 0)
                | (f.firstSeenDay != Days.NONE ? SEEN : 0)
                | (f.firstOrderDay != Days.NONE ? ORDERS : 0)
                | (f.lastSocialDay != Days.NONE ? SOCIAL : 0)
                | (f.mergedInto != null ? MERGED_INTO : 0)
                | (f.refunds != 0 ? REFUNDS : 0);
        Bytes.Writer w = new Bytes.Writer().raw(VERSION).u(flags);
        boolean hasHead = f.headDay != Days.NONE;
        w.raw(hasHead ? 1 : 0);
        if (hasHead) w.z(f.headDay);
        if ((flags & REGISTERED) != 0) w.z(f.registeredAtMilli).fixed(f.registrationTie);
        if ((flags & CHANNEL) != 0) w.str(f.channel);
        if ((flags & CAMPAIGN) != 0) w.str(f.campaign);
        if ((flags & SEEN) != 0) {
            w.z(f.headDay - (long) f.firstSeenDay).u(f.earlyActivity).z(f.lastActiveAtMilli);
            words(w, f.recentActivity.words());
        }
        if ((flags & ORDERS) != 0) {
            w.z(f.headDay - (long) f.firstOrderDay).z(f.headDay - (long) f.lastOrderDay)
                    .u(f.firstDaySpendMilli).u(f.purchaseDaysBeforeWindow).u(f.orders).u(f.grossMilli);
            words(w, f.purchaseDays.words());
        }
        if ((flags & REFUNDS) != 0) w.u(f.refunds).u(f.refundedMilli);
        if ((flags & (ORDERS | REFUNDS | SOCIAL)) != 0) weekly(w, f.weekly);
        if ((flags & SOCIAL) != 0) w.u(f.referrals).u(f.shares).u(f.posts).z(f.headDay - (long) f.lastSocialDay);
        w.u(f.recentKeys.inlineSize());
        for (int i = 0; i < f.recentKeys.inlineSize(); i++) {
            w.fixed(f.recentKeys.fingerprint(i)).z(f.headDay - (long) f.recentKeys.day(i));
        }
        KeyArchiveRef archive = f.recentKeys.archiveRef();
        w.raw(archive == null ? 0 : 1);
        if (archive != null) w.fixed(archive.id()).u(archive.size()).z(f.headDay - (long) archive.newestDay());
        w.u(f.linkedAnonymous.length);
        for (long fp : f.linkedAnonymous) w.fixed(fp);
        if ((flags & MERGED_INTO) != 0) w.str(f.mergedInto);
        return w.toByteArray();
    }

    /** Decodes facts; the weekly ledger is resized to {@code windowWeeks} if the configuration changed. */
    public static ProfileFacts decode(byte[] data, int windowWeeks) {
        Bytes.Reader r = new Bytes.Reader(data);
        int version = r.raw();
        if (version != VERSION && version != 1) throw new IllegalArgumentException("unknown profile format version " + version);
        int flags = r.ui();
        ProfileFacts f = new ProfileFacts(windowWeeks);
        if (r.raw() == 1) f.headDay = Math.toIntExact(r.z());
        if ((flags & REGISTERED) != 0) {
            f.registeredAtMilli = r.z();
            f.registrationTie = r.fixed();
        }
        if ((flags & CHANNEL) != 0) f.channel = r.str();
        if ((flags & CAMPAIGN) != 0) f.campaign = r.str();
        if ((flags & SEEN) != 0) {
            f.firstSeenDay = fromHead(f, r.z());
            f.earlyActivity = r.u();
            f.lastActiveAtMilli = r.z();
            f.recentActivity = DayBits.of(readWords(r, ProfileFacts.RECENT_ACTIVITY_DAYS / 64));
        }
        if ((flags & ORDERS) != 0) {
            f.firstOrderDay = fromHead(f, r.z());
            f.lastOrderDay = fromHead(f, r.z());
            f.firstDaySpendMilli = r.u();
            f.purchaseDaysBeforeWindow = r.ui();
            f.orders = r.u();
            f.grossMilli = r.u();
            f.purchaseDays = DayBits.of(readWords(r, ProfileFacts.PURCHASE_DAY_WINDOW / 64));
        }
        if ((flags & REFUNDS) != 0) {
            f.refunds = r.u();
            f.refundedMilli = r.u();
        }
        if ((flags & (ORDERS | REFUNDS | SOCIAL)) != 0) f.weekly = readWeekly(r).resized(windowWeeks);
        if ((flags & SOCIAL) != 0) {
            f.referrals = r.ui();
            f.shares = r.ui();
            f.posts = r.ui();
            f.lastSocialDay = fromHead(f, r.z());
        }
        int keys = r.ui();
        long[] fps = new long[keys];
        int[] keyDays = new int[keys];
        for (int i = 0; i < keys; i++) {
            fps[i] = r.fixed();
            keyDays[i] = fromHead(f, r.z());
        }
        KeyArchiveRef archive = null;
        if (version >= 2 && r.raw() == 1) archive = new KeyArchiveRef(r.fixed(), r.ui(), fromHead(f, r.z()));
        f.recentKeys = new RecentKeys(fps, keyDays, archive);
        int linked = r.ui();
        f.linkedAnonymous = new long[linked];
        for (int i = 0; i < linked; i++) f.linkedAnonymous[i] = r.fixed();
        if ((flags & MERGED_INTO) != 0) f.mergedInto = r.str();
        if (!r.atEnd()) throw new IllegalArgumentException("trailing bytes after profile data");
        return f;
    }

    /** An archive of deduplication keys: format, id, newest day, then each key with its day before the newest. */
    public static byte[] encodeKeyArchive(KeyArchive a) {
        Bytes.Writer w = new Bytes.Writer().raw(ARCHIVE_FORMAT).fixed(a.id()).z(a.newestDay()).u(a.size());
        for (int i = 0; i < a.size(); i++) w.fixed(a.fingerprint(i)).u(a.newestDay() - (long) a.day(i));
        return w.toByteArray();
    }

    public static KeyArchive decodeKeyArchive(byte[] data) {
        Bytes.Reader r = new Bytes.Reader(data);
        int format = r.raw();
        if (format != ARCHIVE_FORMAT) throw new IllegalArgumentException("unknown key archive format " + format);
        long id = r.fixed();
        long newest = r.z();
        int n = r.ui();
        long[] fps = new long[n];
        int[] days = new int[n];
        for (int i = 0; i < n; i++) {
            fps[i] = r.fixed();
            days[i] = Math.toIntExact(newest - r.u());
            if (i > 0 && fps[i] <= fps[i - 1]) throw new IllegalArgumentException("key archive not sorted");
        }
        if (!r.atEnd()) throw new IllegalArgumentException("trailing bytes after key archive");
        return new KeyArchive(id, fps, days);
    }

    private static int fromHead(ProfileFacts f, long offset) {
        return Math.toIntExact(f.headDay - offset);
    }

    /** Words, trailing zero words omitted. */
    private static void words(Bytes.Writer w, long[] words) {
        int n = words.length;
        while (n > 0 && words[n - 1] == 0) n--;
        w.u(n);
        for (int i = 0; i < n; i++) w.u(words[i]);
    }

    private static long[] readWords(Bytes.Reader r, int capacity) {
        int n = r.ui();
        if (n > capacity) throw new IllegalArgumentException("bitmap longer than its window");
        long[] words = new long[capacity];
        for (int i = 0; i < n; i++) words[i] = r.u();
        return words;
    }

    /** Week count, a presence mask, then orders, net and engagement of the non-empty weeks only. */
    private static void weekly(Bytes.Writer w, WeeklyLedger ledger) {
        int weeks = ledger.weeks();
        w.u(weeks);
        for (int base = 0; base < weeks; base += 8) {
            int mask = 0;
            for (int i = base; i < Math.min(base + 8, weeks); i++) {
                if (!ledger.isEmptyAt(i)) mask |= 1 << (i - base);
            }
            w.raw(mask);
        }
        for (int i = 0; i < weeks; i++) {
            if (ledger.isEmptyAt(i)) continue;
            w.u(ledger.ordersAt(i)).z(ledger.netAt(i)).u(ledger.engagementAt(WeeklyLedger.REFERRALS, i))
                    .u(ledger.engagementAt(WeeklyLedger.SHARES, i)).u(ledger.engagementAt(WeeklyLedger.POSTS, i));
        }
    }

    private static WeeklyLedger readWeekly(Bytes.Reader r) {
        int weeks = r.ui();
        boolean[] present = new boolean[weeks];
        for (int base = 0; base < weeks; base += 8) {
            int mask = r.raw();
            for (int i = base; i < Math.min(base + 8, weeks); i++) present[i] = (mask & (1 << (i - base))) != 0;
        }
        WeeklyLedger ledger = new WeeklyLedger(weeks);
        for (int i = 0; i < weeks; i++) {
            if (present[i]) ledger.set(i, r.ui(), r.z(), r.ui(), r.ui(), r.ui());
        }
        return ledger;
    }
}
