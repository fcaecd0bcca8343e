package io.userasset.events;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static io.userasset.events.TestSupport.bytes;
import static io.userasset.events.TestSupport.samples;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints the CPU time of parse + validate per event on a warm parser. A harness, not a timed test:
 * it asserts nothing about speed (machines differ). Run alone with
 * {@code mvn -B -o -q test -pl events -Dtest=ParserThroughputTest}.
 */
class ParserThroughputTest {

    private static final long WARMUP_NANOS = 600_000_000L;
    private static final long ROUND_NANOS = 200_000_000L;
    private static final int ROUNDS = 5;

    @Test
    void printMicrosecondsPerEvent() {
        EventParser parser = TestSupport.parser();
        for (String sample : new String[] {"native-order_paid.json", "segment-track-order-completed.json"}) {
            byte[] input = bytes(samples("valid").resolve(sample));
            assertThat(parser.parse(input)).isInstanceOf(ParseResult.Accepted.class);
            run(parser, input, WARMUP_NANOS);
            double[] cpu = new double[ROUNDS];
            double[] wall = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                double[] micros = run(parser, input, ROUND_NANOS);
                cpu[r] = micros[0];
                wall[r] = micros[1];
            }
            java.util.Arrays.sort(cpu);
            java.util.Arrays.sort(wall);
            System.out.printf("[throughput] %s (%d bytes): parse+validate best %.2f / median %.2f µs CPU per event"
                    + " (wall best %.2f µs), %d rounds of %d ms after %d ms warm-up%n", sample, input.length,
                    cpu[0], cpu[ROUNDS / 2], wall[0], ROUNDS, ROUND_NANOS / 1_000_000, WARMUP_NANOS / 1_000_000);
        }
    }

    /** @return {CPU µs per event, wall µs per event, events} */
    private static double[] run(EventParser parser, byte[] input, long forNanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long events = 0;
        int accepted = 0;
        while (System.nanoTime() - start < forNanos) {
            for (int i = 0; i < 1000; i++) {
                if (parser.parse(input) instanceof ParseResult.Accepted) accepted++;
            }
            events += 1000;
        }
        long wall = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        assertThat(accepted).isEqualTo((int) events);
        return new double[] {cpu / 1000.0 / events, wall / 1000.0 / events, events};
    }
}
