/**
 * What a device reports happened (events) and that it was shown its option (exposures), as issue 14
 * ingests them: validated whole per request, with client times corrected and bounded by {@link EventTime}.
 */
package dev.abkit.core.event;
