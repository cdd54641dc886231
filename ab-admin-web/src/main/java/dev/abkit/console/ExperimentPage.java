package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

import java.util.List;

/**
 * One experiment: what it is, where it is in its life, and the lifecycle calls the person may make from here,
 * each a link to its confirmation page.
 *
 * @param notice  what was just done to it (after a form), or null
 * @param error   the core's refusal of a change it could not foresee (its status changed meanwhile), or null
 * @param devices   the enrolled devices, or null where the role may not read statistics
 * @param overrides its QA overrides and the form that sets one, or null where the role may not override devices
 * @param results   the address of its results view (ab-stats-web), or null where the role may not read statistics
 * @param history   the address of its history (the audit trail), or null where the role may not read the trail
 * @param scheduleForm the form that schedules it, or null where its status or the role does not allow it
 * @param edit      the address of its edit form, or null where its status (stopped) or the role does not allow it
 * @param editLabel what the edit link says it changes (Edit, Change end or coverage, Change end)
 */
@Introspected
public record ExperimentPage(Frame frame, String notice, String error, String key, String status, String statusClass,
                             String created, String schedule, String coverage, String audience,
                             List<OptionLine> options, String devices, List<Action> actions,
                             OverridesSection overrides, String results, String history, ScheduleSection scheduleForm,
                             String edit, String editLabel) {

    /** @param devices the devices given this option, or null where the role may not read statistics */
    @Introspected
    public record OptionLine(String value, String weight, String devices) {
    }

    /** @param call start, close or stop */
    @Introspected
    public record Action(String call, String label, String path) {
    }
}
