package io.userasset.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** What every harness prints first: JVM, processors, heap, load average at the start of the run. */
final class Machine {
    private Machine() {}

    static void printHeader(String harness) {
        Locale.setDefault(Locale.ROOT);
        System.out.printf("%s: java %s (%s), %d available processors, max heap %d MiB, 1-min load average %.2f%n",
                harness, System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
