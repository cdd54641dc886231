package dev.abkit.core.auth;

/**
 * What a request may ask of abkit beyond the mobile API. Each admin endpoint, the statistics and
 * {@code /metrics} name the one permission they need; {@link Role} says which roles hold it.
 */
public enum Permission {

    /** List and read experiments (the results need them too). */
    READ_EXPERIMENTS,
    /** Create and edit experiments, and carry them through their lifecycle: schedule, start, close, stop. */
    CHANGE_EXPERIMENTS,
    /** Read, put and remove QA overrides (R9). */
    OVERRIDE_DEVICES,
    /** Look a device up by its token. */
    LOOK_UP_DEVICES,
    /** The statistics page and its JSON twin, the results API and the results view. */
    READ_STATISTICS,
    /**
     * The CSV exports: assignments, the monthly history and raw events. Apart from the statistics because
     * they name devices one by one, where the statistics only count them.
     */
    EXPORT_DATA,
    /**
     * The audit trail: who changed which experiment, when, from what to what (decision 19). The tokens'
     * own entries only with {@link #MANAGE_TOKENS}.
     */
    READ_AUDIT,
    /** The Prometheus meters at {@code /metrics}. */
    READ_METRICS,
    /** Create, list and revoke personal tokens. */
    MANAGE_TOKENS
}
