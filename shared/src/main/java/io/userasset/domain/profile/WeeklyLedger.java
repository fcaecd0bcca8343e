package io.userasset.domain.profile;

import java.util.Arrays;

/**
 * Orders, net revenue and engagement (referrals, shares, posts) per calendar week for the rolling
 * windows: bucket i holds week (head week − i). Week granularity keeps a heavy buyer's profile
 * inside one write unit; the windows are therefore measured in whole weeks (see docs/models.md).
 */
final class WeeklyLedger {
    static final int REFERRALS = 0, SHARES = 1, POSTS = 2, ENGAGEMENT_KINDS = 3;

    private final int[] orders;
    private final long[] netMilli;
    private final int[][] engagement;

    WeeklyLedger(int weeks) {
        this(new int[weeks], new long[weeks], new int[ENGAGEMENT_KINDS][weeks]);
    }

    WeeklyLedger(int[] orders, long[] netMilli, int[][] engagement) {
        this.orders = orders;
        this.netMilli = netMilli;
        this.engagement = engagement;
    }

    int weeks() {
        return orders.length;
    }

    void addOrder(int weekOffset, long milli) {
        if (weekOffset < 0 || weekOffset >= orders.length) return;
        orders[weekOffset]++;
        netMilli[weekOffset] += milli;
    }

    void addRefund(int weekOffset, long milli) {
        if (weekOffset < 0 || weekOffset >= orders.length) return;
        netMilli[weekOffset] -= milli;
    }

    void addEngagement(int kind, int weekOffset) {
        if (weekOffset < 0 || weekOffset >= orders.length) return;
        engagement[kind][weekOffset]++;
    }

    void advance(int weeks) {
        if (weeks <= 0) return;
        int n = orders.length;
        if (weeks >= n) {
            Arrays.fill(orders, 0);
            Arrays.fill(netMilli, 0L);
            for (int[] e : engagement) Arrays.fill(e, 0);
            return;
        }
        System.arraycopy(orders, 0, orders, weeks, n - weeks);
        System.arraycopy(netMilli, 0, netMilli, weeks, n - weeks);
        Arrays.fill(orders, 0, weeks, 0);
        Arrays.fill(netMilli, 0, weeks, 0L);
        for (int[] e : engagement) {
            System.arraycopy(e, 0, e, weeks, n - weeks);
            Arrays.fill(e, 0, weeks, 0);
        }
    }

    /** Orders in the buckets at offsets [from, to). */
    int orders(int from, int to) {
        int sum = 0;
        for (int i = Math.max(0, from); i < Math.min(to, orders.length); i++) sum += orders[i];
        return sum;
    }

    long netMilli(int from, int to) {
        long sum = 0;
        for (int i = Math.max(0, from); i < Math.min(to, netMilli.length); i++) sum += netMilli[i];
        return sum;
    }

    /** Engagement events of one kind in the buckets at offsets [from, to). */
    int engagement(int kind, int from, int to) {
        int sum = 0;
        int[] e = engagement[kind];
        for (int i = Math.max(0, from); i < Math.min(to, e.length); i++) sum += e[i];
        return sum;
    }

    void addAll(WeeklyLedger other, int lag) {
        for (int i = 0; i + lag < orders.length && i < other.orders.length; i++) {
            orders[i + lag] += other.orders[i];
            netMilli[i + lag] += other.netMilli[i];
            for (int k = 0; k < ENGAGEMENT_KINDS; k++) engagement[k][i + lag] += other.engagement[k][i];
        }
    }

    int ordersAt(int i) {
        return orders[i];
    }

    long netAt(int i) {
        return netMilli[i];
    }

    int engagementAt(int kind, int i) {
        return engagement[kind][i];
    }

    boolean isEmptyAt(int i) {
        return orders[i] == 0 && netMilli[i] == 0 && engagement[REFERRALS][i] == 0 && engagement[SHARES][i] == 0
                && engagement[POSTS][i] == 0;
    }

    void set(int i, int orderCount, long net, int referrals, int shares, int posts) {
        orders[i] = orderCount;
        netMilli[i] = net;
        engagement[REFERRALS][i] = referrals;
        engagement[SHARES][i] = shares;
        engagement[POSTS][i] = posts;
    }

    WeeklyLedger resized(int weeks) {
        int[][] e = new int[ENGAGEMENT_KINDS][];
        for (int k = 0; k < ENGAGEMENT_KINDS; k++) e[k] = Arrays.copyOf(engagement[k], weeks);
        return new WeeklyLedger(Arrays.copyOf(orders, weeks), Arrays.copyOf(netMilli, weeks), e);
    }

    WeeklyLedger copy() {
        int[][] e = new int[ENGAGEMENT_KINDS][];
        for (int k = 0; k < ENGAGEMENT_KINDS; k++) e[k] = engagement[k].clone();
        return new WeeklyLedger(orders.clone(), netMilli.clone(), e);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeeklyLedger w && Arrays.equals(orders, w.orders) && Arrays.equals(netMilli, w.netMilli)
                && Arrays.deepEquals(engagement, w.engagement);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(orders) + Arrays.hashCode(netMilli);
    }
}
