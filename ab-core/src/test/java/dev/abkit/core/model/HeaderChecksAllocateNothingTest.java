package dev.abkit.core.model;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mobile endpoint checks the Platform, App-Version and Locale headers on every request, also on
 * the returning-device path, which must not allocate more than before (docs/performance.md). So the
 * checks of good values allocate nothing: measured here with the JVM's count of this thread's bytes.
 */
class HeaderChecksAllocateNothingTest {

    private static final String[] PLATFORMS = {"ios", "Android", "web"};
    private static final String[] VERSIONS = {"2.3.0", "3.0.0-beta.1+build.7", "10.20.30"};
    private static final String[] LOCALES = {"ru-RU", "zh-Hant-TW", "en-US-u-ca-gregory"};

    @Test
    void checking_good_values_allocates_nothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled())
                .as("this JVM measures the bytes each thread allocates").isTrue();
        long thread = Thread.currentThread().getId();
        int checks = 30_000;
        checkAll(checks); // past the interpreter's first calls and class loading

        long before = threads.getThreadAllocatedBytes(thread);
        int good = checkAll(checks);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(good).isEqualTo(checks);
        // One allocation per check would be at least 16 bytes each; allow the odd byte of the JVM's own.
        assertThat(allocated).as("bytes allocated by %d checks", checks).isLessThan(checks);
    }

    private static int checkAll(int checks) {
        int good = 0;
        for (int i = 0; i < checks; i++) {
            int k = i % 3;
            if (Platform.of(PLATFORMS[k]) != null && AppVersion.problemWith(VERSIONS[k]) == null
                    && LocaleTag.problemWith(LOCALES[k]) == null) {
                good++;
            }
        }
        return good;
    }
}
