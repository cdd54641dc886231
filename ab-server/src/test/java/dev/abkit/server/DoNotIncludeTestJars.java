package dev.abkit.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

import java.util.regex.Pattern;

/**
 * Leaves out test jars (ab-core's, which this module uses for the shared rules), so that only
 * production classes are judged. Ordinary jars stay in: under mvn verify the modules are jars.
 */
public final class DoNotIncludeTestJars implements ImportOption {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    @Override
    public boolean includes(Location location) {
        return !location.matches(TEST_JAR);
    }
}
