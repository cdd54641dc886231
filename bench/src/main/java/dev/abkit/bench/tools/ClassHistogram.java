package dev.abkit.bench.tools;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of this JVM by class, as {@code jcmd <pid> GC.class_histogram} shows them, taken
 * from inside: HotSpot runs a full GC that also clears soft references and sums the size of every
 * object left. Exact whatever the collector, unlike the used heap, which after {@code System.gc()}
 * may still hold softly reachable garbage or, under G1, whole regions for one large array.
 */
record ClassHistogram(Map<String, Long> bytesByClass) {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+).*$", Pattern.MULTILINE);

    static ClassHistogram ofLiveObjects() {
        String table;
        try {
            table = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("this JVM has no class histogram (HotSpot's DiagnosticCommand MBean)", e);
        }
        Map<String, Long> bytes = new HashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
        }
        return new ClassHistogram(Map.copyOf(bytes));
    }

    long totalBytes() {
        return bytesByClass.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes per class that this histogram has more than {@code earlier} (fewer if negative). */
    Map<String, Long> minus(ClassHistogram earlier) {
        Map<String, Long> difference = new HashMap<>(bytesByClass);
        earlier.bytesByClass.forEach((type, bytes) -> difference.merge(type, -bytes, Long::sum));
        difference.values().removeIf(bytes -> bytes == 0);
        return difference;
    }
}
