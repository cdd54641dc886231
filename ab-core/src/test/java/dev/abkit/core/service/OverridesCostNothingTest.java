package dev.abkit.core.service;

import dev.abkit.core.AbKit;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The returning-device path must not get slower for overrides (docs/performance.md): a device without
 * an override is answered from memory with the same allocations whether or not other devices are
 * overridden. Measured with the JVM's count of this thread's bytes.
 */
class OverridesCostNothingTest {

    private static final int CALLS = 30_000;
    private static final int DEVICES = 64;

    @Test
    void a_device_without_an_override_allocates_no_more_when_other_devices_are_overridden() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled())
                .as("this JVM measures the bytes each thread allocates").isTrue();
        AbKit abkit = AbKit.inMemory();
        DeviceToken[] tokens = new DeviceToken[DEVICES];
        for (int i = 0; i < DEVICES; i++) {
            tokens[i] = DeviceToken.of("device-" + i);
            abkit.experimentsForDevice().experimentsFor(tokens[i]);
        }
        askAll(abkit, tokens); // past the interpreter's first calls and class loading
        long withoutOverrides = allocatedBy(threads, abkit, tokens);

        abkit.overrideDevices().put(ADMIN, ShippedExperiments.PRICE.key(), DeviceToken.of("qa-phone"), "50");
        askAll(abkit, tokens);
        long withAnOverride = allocatedBy(threads, abkit, tokens);

        // One more allocation per call would be at least 16 bytes each; allow the odd byte of the JVM's own.
        assertThat(withAnOverride).as("bytes of %d answers with an override elsewhere", CALLS)
                .isLessThan(withoutOverrides + CALLS);
    }

    private static long allocatedBy(com.sun.management.ThreadMXBean threads, AbKit abkit, DeviceToken[] tokens) {
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        int answered = askAll(abkit, tokens);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(answered).isEqualTo(CALLS * 2);
        return allocated;
    }

    private static int askAll(AbKit abkit, DeviceToken[] tokens) {
        int answered = 0;
        for (int i = 0; i < CALLS; i++) {
            answered += abkit.experimentsForDevice().fromMemory(tokens[i % DEVICES]).orElseThrow().size();
        }
        return answered;
    }
}
