package io.userasset.domain.profile;

import java.util.Arrays;

/**
 * Orders and net revenue per calendar week for the rolling RFM window: bucket i holds week
 * (head week − i). Week granularity keeps a heavy buyer's profile inside one write unit; the window
 * is therefore measured in whole weeks (see docs/models.md).
 */
final class WeeklyLedger {
    private final int[] orders;
    private final long[] netMilli;

    WeeklyLedger(int weeks) {
        this.orders = new int[weeks];
        this.netMilli = new long[weeks];
    }

    WeeklyLedger(int[] orders, long[] netMilli) {
        this.orders = orders;
        this.netMilli = netMilli;
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

    void advance(int weeks) {
        if (weeks <= 0) return;
        int n = orders.length;
        if (weeks >= n) {
            Arrays.fill(orders, 0);
            Arrays.fill(netMilli, 0L);
            return;
        }
        System.arraycopy(orders, 0, orders, weeks, n - weeks);
        System.arraycopy(netMilli, 0, netMilli, weeks, n - weeks);
        Arrays.fill(orders, 0, weeks, 0);
        Arrays.fill(netMilli, 0, weeks, 0L);
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

    void addAll(WeeklyLedger other, int lag) {
        for (int i = 0; i + lag < orders.length && i < other.orders.length; i++) {
            orders[i + lag] += other.orders[i];
            netMilli[i + lag] += other.netMilli[i];
        }
    }

    int[] ordersArray() {
        return orders.clone();
    }

    long[] netArray() {
        return netMilli.clone();
    }

    WeeklyLedger resized(int weeks) {
        return new WeeklyLedger(Arrays.copyOf(orders, weeks), Arrays.copyOf(netMilli, weeks));
    }

    WeeklyLedger copy() {
        return new WeeklyLedger(orders.clone(), netMilli.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeeklyLedger w && Arrays.equals(orders, w.orders) && Arrays.equals(netMilli, w.netMilli);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(orders) + Arrays.hashCode(netMilli);
    }
}
