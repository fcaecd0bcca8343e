package io.userasset.adapters;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchRetryTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 35).boxed().toList();

    @Test
    void batchesAreInFlightTogetherAndEveryItemIsSentOnce() {
        // every batch waits until three have started: sent one after another, the first would wait in vain
        CountDownLatch started = new CountDownLatch(InParallel.CALLS - 1);
        List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> sawTheOthers = Collections.synchronizedList(new ArrayList<>());
        BatchRetry.send("test", ITEMS, 10, 3, batch -> {
            started.countDown();
            try {
                sawTheOthers.add(started.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            delivered.addAll(batch);
            return Set.of();
        });
        assertThat(sawTheOthers).hasSize(4).containsOnly(true);
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(ITEMS);
    }

    @Test
    void exactlyTheFailedEntriesAreSentAgain() {
        Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
        List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
        List<List<Integer>> calls = Collections.synchronizedList(new ArrayList<>());
        BatchRetry.send("test", ITEMS, 10, 3, batch -> {
            calls.add(List.copyOf(batch));
            Set<Integer> failed = new HashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                int item = batch.get(i);
                if (item % 3 == 0 && failedOnce.add(item)) failed.add(i);
                else delivered.add(item);
            }
            return failed;
        });
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(ITEMS);
        assertThat(calls).hasSize(8) // four batches, each with one retry of its multiples of three
                .filteredOn(c -> c.stream().allMatch(i -> i % 3 == 0)).hasSize(4);
    }

    @Test
    void aBatchThatKeepsFailingThrowsOnceTheOthersAreThrough() {
        List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> BatchRetry.send("PutEvents", ITEMS, 10, 2, batch -> {
            if (batch.contains(0)) return Set.of(0); // item 0 never goes through
            delivered.addAll(batch);
            return Set.of();
        })).isInstanceOf(IllegalStateException.class).hasMessage("PutEvents: 1 entries still failing after 2 attempts");
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(ITEMS.subList(10, 35));
    }

    @Test
    void aRefusedCallReachesTheCallerAsItself() {
        class Refused extends RuntimeException {}
        assertThatThrownBy(() -> BatchRetry.send("test", ITEMS, 10, 3, batch -> {
            throw new Refused();
        })).isInstanceOf(Refused.class);
    }
}
