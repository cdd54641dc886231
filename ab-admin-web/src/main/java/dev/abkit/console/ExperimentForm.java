package dev.abkit.console;

import dev.abkit.core.model.AppVersion;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.CountryCode;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.EditableField;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Platform;
import dev.abkit.core.model.Weight;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.core.port.in.NewExperiment;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form that creates an experiment (or edits one, or schedules one: the same inputs, fewer of them), as a
 * person filled it in or as the experiment stands: turned into the core's command, or into what is wrong with it,
 * field by field, named as the admin API names its fields. The checks are the core's own
 * (its value objects' constructors); this class only says which input each of their reasons belongs to, and
 * reads the inputs a browser sends (checkboxes, lists separated by commas, times in UTC without a zone).
 */
final class ExperimentForm {

    /** Option rows of an empty form; "more rows" adds {@link #MORE_ROWS}, up to the core's most options. */
    static final int FIRST_ROWS = 6;
    static final int MORE_ROWS = 3;

    static final String ROWS = "rows";
    static final String MORE = "more";
    /** The button of an option row that removes it; its value is the row's number (1, 2, ...). */
    static final String REMOVE = "remove";
    private static final Pattern OPTION_FIELD = Pattern.compile("options\\[(\\d{1,2})\\]\\.(\\w+)");
    static final String START = "start";

    /** How the experiment begins: kept a draft (the default: nothing goes live by a slip), at once, or at startAt. */
    enum Start { DRAFT, NOW, SCHEDULED }

    private final FormFields fields;
    private final int rows;

    private ExperimentForm(FormFields fields, int rows) {
        this.fields = fields;
        this.rows = Math.max(1, Math.min(Experiment.MAX_OPTIONS, rows));
    }

    static ExperimentForm empty() {
        return new ExperimentForm(FormFields.parse(""), FIRST_ROWS);
    }

    static ExperimentForm of(FormFields fields) {
        int rows;
        try {
            rows = Integer.parseInt(fields.text(ROWS));
        } catch (NumberFormatException absent) {
            rows = FIRST_ROWS;
        }
        return new ExperimentForm(fields, rows);
    }

    /**
     * The form as the experiment stands (its options, coverage, audience, schedule and end), to change from there:
     * the edit form and the schedule form start from what is stored, not from nothing.
     */
    static ExperimentForm of(Experiment experiment) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("key", List.of(experiment.key().value()));
        List<Option> options = experiment.options();
        for (int row = 0; row < options.size(); row++) {
            values.put(value(row), List.of(options.get(row).value()));
            values.put(weight(row), List.of(options.get(row).weight().value().toPlainString()));
        }
        values.put("coverage", List.of(experiment.coverage().percent().toPlainString()));
        Audience audience = experiment.audience();
        putIfPresent(values, "audience.platforms", audience.platforms(), Platform::text);
        putIfPresent(values, "audience.minAppVersion", listOfOne(audience.minAppVersion()), AppVersion::value);
        putIfPresent(values, "audience.maxAppVersion", listOfOne(audience.maxAppVersion()), AppVersion::value);
        putIfPresent(values, "audience.locales", joined(audience.locales(), LocaleTag::value), Function.identity());
        putIfPresent(values, "audience.countries", joined(audience.countries(), CountryCode::value), Function.identity());
        if (audience.includeUnknown()) {
            values.put("audience.includeUnknown", List.of("yes"));
        }
        Lifecycle lifecycle = experiment.lifecycle();
        putIfPresent(values, "startAt", listOfOne(lifecycle.startAt()), ExperimentForm::utc);
        putIfPresent(values, "endAt", listOfOne(lifecycle.endAt()), ExperimentForm::utc);
        values.put("endAction", List.of(lifecycle.endAction().name()));
        return new ExperimentForm(FormFields.of(values), Math.max(FIRST_ROWS, options.size()));
    }

    private static <T> void putIfPresent(Map<String, List<String>> values, String field, List<T> present,
                                         Function<T, String> text) {
        if (present != null) {
            values.put(field, present.stream().map(text).toList());
        }
    }

    private static <T> List<T> listOfOne(T value) {
        return value == null ? null : List.of(value);
    }

    /** A list as a person types it into one input: {@code ru, en-GB}. */
    private static <T> List<String> joined(List<T> values, Function<T, String> text) {
        return values == null ? null : List.of(String.join(", ", values.stream().map(text).toList()));
    }

    /** As a browser's {@code datetime-local} shows it: UTC without a zone, to the minute when it has no seconds. */
    private static String utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    /** Whether the person asked for more option rows, or to remove one, rather than to save. */
    boolean asksToChangeRows() {
        return fields.has(MORE) || fields.has(REMOVE);
    }

    /** The form with what was asked: three more rows, or without the row whose button was pressed. */
    ExperimentForm withRowsChanged() {
        if (fields.has(MORE)) {
            return new ExperimentForm(fields.renamed(name -> name.equals(MORE) ? Optional.empty() : Optional.of(name)),
                    rows + MORE_ROWS);
        }
        int removed;
        try {
            removed = Integer.parseInt(fields.text(REMOVE)) - 1;
        } catch (NumberFormatException notARow) {
            removed = -1; // forged: nothing to remove
        }
        int gone = removed;
        FormFields kept = fields.renamed(name -> {
            if (name.equals(REMOVE)) {
                return Optional.empty();
            }
            Matcher option = OPTION_FIELD.matcher(name);
            if (gone < 0 || !option.matches()) {
                return Optional.of(name);
            }
            int row = Integer.parseInt(option.group(1));
            return row == gone ? Optional.empty()
                    : Optional.of(row < gone ? name : "options[" + (row - 1) + "]." + option.group(2));
        });
        return new ExperimentForm(kept, gone >= 0 && gone < rows ? rows - 1 : rows);
    }

    /** @return the command, or null when {@code errors} received what is wrong */
    NewExperiment command(FieldErrors errors) {
        ExperimentKey key = checked(errors, "key", () -> ExperimentKey.of(fields.text("key")));
        ExperimentChanges settings = changes(errors, EnumSet.allOf(EditableField.class), Coverage.FULL);
        Start start = start();
        Instant startAt = start == Start.SCHEDULED ? instant(errors, "startAt") : null;
        if (start == Start.SCHEDULED && startAt == null && errors.of("startAt") == null) {
            errors.add("startAt", "give the time it starts (UTC), or choose to keep it a draft or to start it now");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        // The options were checked together as changes, as the command checks them: nothing left to refuse here.
        return new NewExperiment(key, settings.options().orElseThrow(), start == Start.DRAFT, startAt,
                settings.endAt().orElseThrow().orElse(null), settings.endAction().orElseThrow(),
                settings.audience().orElseThrow(), settings.coverage().orElseThrow());
    }

    /**
     * The fields this form carries, each counted as sent when any input of it was (an empty one too: an empty end
     * removes it): the edit form of an experiment sends those its status may change, and whatever else a forged
     * or outdated form sends goes to the core, which refuses it. Never the start, which is the schedule form's.
     */
    Set<EditableField> sent() {
        Set<EditableField> sent = EnumSet.noneOf(EditableField.class);
        if (fields.hasAnyStartingWith("options[")) {
            sent.add(EditableField.OPTIONS);
        }
        if (fields.hasAnyStartingWith("audience.")) {
            sent.add(EditableField.AUDIENCE);
        }
        if (fields.has("coverage")) {
            sent.add(EditableField.COVERAGE);
        }
        if (fields.has("endAt") || fields.has("endAction")) {
            sent.add(EditableField.END);
        }
        return sent;
    }

    /**
     * What an edit form sets, and what the create form shares with it: of the options, coverage, audience, end and
     * end action, those of {@code wanted} (never the key; the start is the schedule form's). An end left empty
     * removes it. A coverage left empty is an error: the form shows the coverage the experiment has, so an empty
     * one was cleared, and on a running experiment reading it as 100 would enrol every eligible new device from
     * then on (the API's PATCH refuses a null coverage for the same reason).
     *
     * @return the changes, or null when {@code errors} received what is wrong
     */
    ExperimentChanges changes(FieldErrors errors, Set<EditableField> wanted) {
        return changes(errors, wanted, null);
    }

    /** @param emptyCoverage what an empty coverage means (the create form's placeholder, 100), or null: an error */
    private ExperimentChanges changes(FieldErrors errors, Set<EditableField> wanted, Coverage emptyCoverage) {
        List<Option> options = wanted.contains(EditableField.OPTIONS) ? options(errors) : null;
        Coverage coverage = !wanted.contains(EditableField.COVERAGE) ? null
                : !fields.text("coverage").isEmpty()
                ? checked(errors, "coverage", () -> Coverage.percent(fields.text("coverage")))
                : emptyCoverage != null ? emptyCoverage
                : missing(errors, "coverage", "write a percentage from 0.01 to 100 (100 enrols every eligible new device)");
        Audience audience = wanted.contains(EditableField.AUDIENCE) ? audience(errors) : null;
        boolean end = wanted.contains(EditableField.END);
        Instant endAt = end ? instant(errors, "endAt") : null;
        EndAction endAction = end ? checked(errors, "endAction", () -> endAction(fields.text("endAction"))) : null;
        if (!errors.isEmpty()) {
            return null;
        }
        ExperimentChanges changes = ExperimentChanges.none();
        if (options != null) {
            try {
                changes = changes.withOptions(options);
            } catch (IllegalArgumentException e) {
                // Each option was valid on its own, so they are not together (the same value twice, a block too large).
                errors.add("options", e.getMessage());
                return null;
            }
        }
        if (coverage != null) {
            changes = changes.withCoverage(coverage);
        }
        if (wanted.contains(EditableField.AUDIENCE)) {
            changes = changes.withAudience(audience);
        }
        return end ? changes.withEndAt(endAt).withEndAction(endAction) : changes;
    }

    /**
     * When a schedule form asks an experiment to start and, if given, to end. A class, not a record: the module's
     * records are its view models.
     */
    static final class Schedule {

        private final Instant startAt;
        private final Instant endAt;

        private Schedule(Instant startAt, Instant endAt) {
            this.startAt = java.util.Objects.requireNonNull(startAt, "startAt");
            this.endAt = endAt;
        }

        Instant startAt() {
            return startAt;
        }

        /** @return null: it keeps the end it has */
        Instant endAt() {
            return endAt;
        }
    }

    /**
     * @return the schedule asked for, or null when {@code errors} received what is wrong (the core checks that
     *         the start lies ahead and the end after it)
     */
    Schedule schedule(FieldErrors errors) {
        Instant startAt = instant(errors, "startAt");
        if (startAt == null && errors.of("startAt") == null) {
            errors.add("startAt", "give the time it starts (UTC)");
        }
        Instant endAt = instant(errors, "endAt");
        return errors.isEmpty() ? new Schedule(startAt, endAt) : null;
    }

    /** The field a confirmation page's form adds: the person has read what the change does, and still wants it. */
    static final String CONFIRMED = "confirmed";

    boolean confirmed() {
        return fields.has(CONFIRMED);
    }

    /** The schedule form's fields as entered, for its confirmation page to send on, with {@link #CONFIRMED}. */
    List<ConfirmPage.Carried> scheduleConfirmed() {
        return List.of(new ConfirmPage.Carried("startAt", fields.text("startAt")),
                new ConfirmPage.Carried("endAt", fields.text("endAt")), new ConfirmPage.Carried(CONFIRMED, "yes"));
    }

    /** The schedule form of the experiment's page, as filled in (or as stored), with what is wrong next to each field. */
    ScheduleSection scheduleSection(String key, FieldErrors errors) {
        return new ScheduleSection(field("startAt", errors), field("endAt", errors), Paths.schedule(key));
    }

    private List<Option> options(FieldErrors errors) {
        List<Option> options = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            String value = fields.text(value(row));
            String weight = fields.text(weight(row));
            if (value.isEmpty() && weight.isEmpty()) {
                continue; // a row left empty is no option
            }
            Weight checkedWeight = checked(errors, weight(row), () -> Weight.of(weight));
            Option option = checked(errors, value(row), () -> new Option(value, checkedWeight == null ? Weight.of(1) : checkedWeight));
            if (checkedWeight != null && option != null) {
                options.add(option);
            }
        }
        if (options.isEmpty() && errors.isEmpty()) {
            errors.add("options", "an experiment needs at least one option: fill in a value and a weight");
        }
        return options;
    }

    private Audience audience(FieldErrors errors) {
        List<Platform> platforms = listOf(errors, "audience.platforms", fields.all("audience.platforms"), Platform::of);
        AppVersion min = optional(errors, "audience.minAppVersion", AppVersion::of);
        AppVersion max = optional(errors, "audience.maxAppVersion", AppVersion::of);
        List<LocaleTag> locales = listOf(errors, "audience.locales", separated("audience.locales"), LocaleTag::of);
        List<CountryCode> countries = listOf(errors, "audience.countries", separated("audience.countries"), CountryCode::of);
        boolean includeUnknown = fields.has("audience.includeUnknown");
        // Each member valid on its own, so the versions' range is what can still be wrong.
        return checked(errors, "audience.maxAppVersion",
                () -> new Audience(platforms, min, max, locales, countries, includeUnknown));
    }

    private <T> T optional(FieldErrors errors, String field, Function<String, T> parse) {
        String text = fields.text(field);
        return text.isEmpty() ? null : checked(errors, field, () -> parse.apply(text));
    }

    /** @return null for no values: no rule on that attribute */
    private static <T> List<T> listOf(FieldErrors errors, String field, List<String> texts, Function<String, T> parse) {
        if (texts.isEmpty()) {
            return null;
        }
        List<T> values = new ArrayList<>(texts.size());
        for (String text : texts) {
            T value = checked(errors, field, () -> parse.apply(text));
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    /** A list typed into one input: {@code ru, en-GB} or {@code ru en-GB}. */
    private List<String> separated(String field) {
        return Arrays.stream(fields.text(field).split("[,\\s]+")).filter(text -> !text.isEmpty()).toList();
    }

    private Start start() {
        return switch (fields.text(START)) {
            case "now" -> Start.NOW;
            case "scheduled" -> Start.SCHEDULED;
            default -> Start.DRAFT;
        };
    }

    /** A browser's {@code datetime-local} (no zone; the form says UTC), or an ISO instant with its Z. */
    private Instant instant(FieldErrors errors, String field) {
        String text = fields.text(field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return text.endsWith("Z") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date and time in UTC, such as 2026-12-24T18:00");
            return null;
        }
    }

    private static EndAction endAction(String text) {
        if (text.isEmpty()) {
            return EndAction.STOP;
        }
        try {
            return EndAction.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be CLOSE or STOP");
        }
    }

    /** @return null, {@code errors} having received why {@code field} may not be left empty */
    private static <T> T missing(FieldErrors errors, String field, String why) {
        errors.add(field, why);
        return null;
    }

    private static <T> T checked(FieldErrors errors, String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            errors.add(field, e.getMessage());
            return null;
        }
    }

    static String value(int row) {
        return "options[" + row + "].value";
    }

    static String weight(int row) {
        return "options[" + row + "].weight";
    }

    /** The form again, as filled in, with what is wrong next to each field. */
    CreatePage page(Frame frame, FieldErrors errors) {
        return page(frame, errors, field("key", errors), Paths.EXPERIMENTS, Paths.EXPERIMENTS,
                new CreatePage.Offered(null, true, true, true, true));
    }

    /**
     * The edit form of the experiment {@code key} (whose key does not change, so is not an input), as filled in, with
     * the inputs of the fields its status lets change ({@code editable}, the core's {@link EditableField#in}).
     */
    CreatePage editPage(Frame frame, FieldErrors errors, String key, Set<EditableField> editable) {
        String hint = editable.contains(EditableField.OPTIONS)
                ? "A draft: no device sees it yet, so everything here may change. Its start is set on its page."
                : "Devices may see it, so its options, weights and audience no longer change"
                + (editable.contains(EditableField.COVERAGE)
                ? "; its coverage (from the next block of new devices on) and its end still do."
                : "; it enrols no new device, so only its end still changes.");
        return page(frame, errors, new Field("key", key, null), Paths.edit(key), Paths.experiment(key),
                new CreatePage.Offered(hint, editable.contains(EditableField.OPTIONS),
                        editable.contains(EditableField.AUDIENCE), editable.contains(EditableField.COVERAGE),
                        editable.contains(EditableField.END)));
    }

    private CreatePage page(Frame frame, FieldErrors errors, Field key, String action, String cancel,
                            CreatePage.Offered offered) {
        List<CreatePage.OptionRow> optionRows = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            optionRows.add(new CreatePage.OptionRow(row + 1, field(value(row), errors), field(weight(row), errors)));
        }
        List<String> platforms = fields.all("audience.platforms");
        List<Choice> platformChoices = Arrays.stream(Platform.values())
                .map(platform -> new Choice(platform.text(), platform.text(), platforms.contains(platform.text())))
                .toList();
        String endAction = fields.text("endAction").isEmpty() ? EndAction.STOP.name() : fields.text("endAction");
        return new CreatePage(frame, action, cancel, offered, errors.count(), key, optionRows, rows, rows < Experiment.MAX_OPTIONS,
                errors.of("options"), field("coverage", errors), platformChoices, errors.of("audience.platforms"),
                field("audience.minAppVersion", errors), field("audience.maxAppVersion", errors),
                field("audience.locales", errors), field("audience.countries", errors),
                fields.has("audience.includeUnknown"), start().name().toLowerCase(java.util.Locale.ROOT),
                field("startAt", errors), field("endAt", errors), endAction, errors.of("endAction"));
    }

    private Field field(String name, FieldErrors errors) {
        return new Field(name, fields.text(name), errors.of(name));
    }
}
