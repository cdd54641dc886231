package dev.abkit.core.contract;

import dev.abkit.core.AbKit;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.EventInput;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.event.Receipt;
import dev.abkit.core.export.AssignmentRow;
import dev.abkit.core.export.EventRow;
import dev.abkit.core.export.HistoryRow;
import dev.abkit.core.export.Period;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every {@link dev.abkit.core.port.out.ExportRows} must do, read through the core's export use cases: the
 * in-memory store is the reference, each adapter module extends this class once per database. Devices are
 * registered through the core with a clock the test moves; times are whole microseconds, as the columns keep.
 */
public abstract class ExportRowsContract {

    /** A microsecond before June 2026 in UTC: the month boundary is checked one microsecond either side. */
    private static final Instant BEFORE_JUNE = Instant.parse("2026-05-31T23:59:59.999999Z");
    private static final Duration MICRO = Duration.ofNanos(1_000);
    private static final ExperimentKey CHECKOUT = ExperimentKey.of("checkout");
    private static final ExperimentKey BUTTON_COLOR = ExperimentKey.of("button_color");
    private static final MetricName PURCHASE = MetricName.of("purchase");
    private static final MetricName SIGNUP = MetricName.of("signup");

    private ExportStoragePorts ports;
    private TickingClock clock;
    private AbKit kit;

    /** A fresh store, as a fresh install has it (the shipped experiments, no device, no event). */
    protected abstract ExportStoragePorts freshExportStorage();

    @BeforeEach
    void openFreshStorage() {
        ports = freshExportStorage();
        clock = new TickingClock(BEFORE_JUNE.minus(Duration.ofDays(1)));
        kit = AbKit.builder().experiments(ports.experiments()).devices(ports.devices()).enrollmentCounts(UnusedEnrollmentCounts.INSTANCE)
                .exportRows(ports.rows()).auditLog(ports.auditLog()).clock(clock).seeds(() -> 15).build();
        kit.createExperiment().create(ADMIN, new NewExperiment(CHECKOUT, List.of(Option.of("a", 1), Option.of("b", 1))));
    }

    @Test
    void assignments_are_the_slot_holders_enrolled_in_the_half_open_period_in_slot_order() {
        clock.advance(Duration.ofDays(1));
        Device before = register("before"); // at BEFORE_JUNE
        Device atFrom = register("at-from");
        Device inside = register("inside");
        Device atTo = register("at-to");
        kit.overrideDevices().put(ADMIN, CHECKOUT, inside.token(), "a");

        List<AssignmentRow> rows = assignments(CHECKOUT, new Period(Optional.of(atFrom.firstSeen()),
                Optional.of(atTo.firstSeen())));

        assertThat(rows).extracting(row -> row.device().value(), AssignmentRow::slot, AssignmentRow::block,
                        AssignmentRow::enrolledAt, AssignmentRow::overridden)
                .containsExactly(tuple("at-from", 1L, 0L, atFrom.firstSeen(), false),
                        tuple("inside", 2L, 1L, inside.firstSeen(), true));
        assertThat(rows).extracting(AssignmentRow::option).containsExactly(atFrom.valueIn(CHECKOUT).orElseThrow(),
                inside.valueIn(CHECKOUT).orElseThrow());
        assertThat(assignments(CHECKOUT, Period.ALWAYS)).extracting(row -> row.device().value())
                .containsExactly("before", "at-from", "inside", "at-to");
        assertThat(before.valueIn(CHECKOUT)).isPresent();
    }

    @Test
    void a_device_left_out_by_the_coverage_is_a_row_without_an_option() {
        ExperimentKey partial = ExperimentKey.of("partial");
        kit.createExperiment().create(ADMIN, new NewExperiment(partial, List.of(Option.of("a", 1), Option.of("b", 1)))
                .withCoverage(Coverage.percent("50")));
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            devices.add(register("d-" + i));
        }

        List<AssignmentRow> rows = assignments(partial, Period.ALWAYS);

        assertThat(rows).extracting(AssignmentRow::slot).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(rows).extracting(AssignmentRow::option)
                .containsExactlyElementsOf(devices.stream().map(device -> device.valueIn(partial).orElse(null)).toList());
        assertThat(rows).filteredOn(AssignmentRow::isLeftOut).hasSize(4);
    }

    @Test
    void the_history_of_a_month_has_each_enrolment_of_that_utc_month_and_no_left_out_device() {
        Device may = register("may");
        clock.advance(Duration.between(clock.instant(), BEFORE_JUNE));
        Device lastOfMay = register("last-of-may");
        clock.advance(Duration.between(clock.instant(), BEFORE_JUNE.plus(MICRO)));
        Device firstOfJune = register("first-of-june");
        Device june = register("june");

        List<HistoryRow> rows = history(YearMonth.of(2026, 6));

        assertThat(rows).allSatisfy(row -> assertThat(row.kind()).isEqualTo(HistoryRow.Kind.ENROLLED));
        assertThat(rows).extracting(row -> row.device().value(), HistoryRow::experiment, HistoryRow::at)
                .containsExactly(
                        tuple("first-of-june", BUTTON_COLOR, firstOfJune.firstSeen()),
                        tuple("first-of-june", CHECKOUT, firstOfJune.firstSeen()),
                        tuple("first-of-june", ExperimentKey.of("price"), firstOfJune.firstSeen()),
                        tuple("june", BUTTON_COLOR, june.firstSeen()),
                        tuple("june", CHECKOUT, june.firstSeen()),
                        tuple("june", ExperimentKey.of("price"), june.firstSeen()));
        assertThat(rows).extracting(HistoryRow::option).containsExactly(
                firstOfJune.valueIn(BUTTON_COLOR).orElseThrow(), firstOfJune.valueIn(CHECKOUT).orElseThrow(),
                firstOfJune.valueIn(ExperimentKey.of("price")).orElseThrow(), june.valueIn(BUTTON_COLOR).orElseThrow(),
                june.valueIn(CHECKOUT).orElseThrow(), june.valueIn(ExperimentKey.of("price")).orElseThrow());
        assertThat(history(YearMonth.of(2026, 5))).extracting(row -> row.device().value()).containsOnly("may", "last-of-may");
        assertThat(may.firstSeen()).isBefore(lastOfMay.firstSeen());
    }

    @Test
    void an_experiment_that_ended_in_the_month_by_its_schedule_adds_a_row_per_enrolled_device() {
        ExperimentKey partial = ExperimentKey.of("partial");
        Instant end = BEFORE_JUNE.plus(Duration.ofDays(2));
        kit.createExperiment().create(ADMIN, new NewExperiment(partial, List.of(Option.of("a", 1)), false, null, end,
                EndAction.STOP).withCoverage(Coverage.percent("50")));
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            devices.add(register("d-" + i));
        }
        clock.advance(Duration.between(clock.instant(), end));
        kit.carryOutSchedules().carryOutDue();

        List<HistoryRow> ends = history(YearMonth.of(2026, 6)).stream()
                .filter(row -> row.kind() == HistoryRow.Kind.ENDED).toList();

        assertThat(ends).extracting(row -> row.device().value(), HistoryRow::experiment, HistoryRow::at)
                .containsExactlyElementsOf(devices.stream().filter(device -> device.valueIn(partial).isPresent())
                        .map(device -> tuple(device.token().value(), partial, end)).toList());
        assertThat(ends).hasSize(2);
        assertThat(history(YearMonth.of(2026, 5))).noneMatch(row -> row.kind() == HistoryRow.Kind.ENDED);
    }

    @Test
    void an_experiment_ended_by_hand_ends_at_its_first_close_or_stop_in_the_audit_trail() {
        List<Device> devices = new ArrayList<>();
        clock.advance(Duration.ofDays(2)); // into June
        for (int i = 0; i < 3; i++) {
            devices.add(register("d-" + i));
        }
        clock.advance(Duration.ofHours(1));
        Instant closedAt = clock.instant();
        kit.closeExperiment().close(ADMIN, CHECKOUT);
        clock.advance(Duration.ofDays(31)); // stopped in July: the end was the close, in June
        kit.stopExperiment().stop(ADMIN, CHECKOUT);

        List<HistoryRow> june = history(YearMonth.of(2026, 6)).stream()
                .filter(row -> row.kind() == HistoryRow.Kind.ENDED).toList();

        assertThat(june).extracting(row -> row.device().value(), HistoryRow::experiment, HistoryRow::at, HistoryRow::option)
                .containsExactlyElementsOf(devices.stream()
                        .map(device -> tuple(device.token().value(), CHECKOUT, closedAt, device.valueIn(CHECKOUT).orElseThrow()))
                        .toList());
        assertThat(history(YearMonth.of(2026, 7))).noneMatch(row -> row.kind() == HistoryRow.Kind.ENDED);
    }

    @Test
    void events_are_those_of_the_experiments_enrolled_devices_in_the_half_open_period_in_time_order() {
        ExperimentKey partial = ExperimentKey.of("partial");
        kit.createExperiment().create(ADMIN, new NewExperiment(partial, List.of(Option.of("a", 1)))
                .withCoverage(Coverage.percent("50")));
        Device first = register("d-0");
        Device second = register("d-1");
        Device enrolled = first.valueIn(partial).isPresent() ? first : second;
        Device leftOut = enrolled == first ? second : first;
        Instant from = clock.instant().plus(Duration.ofMinutes(1));
        Instant to = from.plus(Duration.ofMinutes(1));
        Receipt receipt = Receipt.at(to.plus(Duration.ofHours(1)));
        send(enrolled, receipt, new EventInput("early", PURCHASE.value(), from.minus(MICRO), 1.0, null),
                new EventInput("at-from", PURCHASE.value(), from, 2.5, "{\"sku\":\"a,\\\"b\\\"\"}"),
                new EventInput("signup", SIGNUP.value(), from.plus(MICRO), null, null),
                new EventInput("at-to", PURCHASE.value(), to, 4.0, null));
        send(leftOut, receipt, new EventInput("other", PURCHASE.value(), from, 1.0, null));

        List<EventRow> rows = events(partial, new Period(Optional.of(from), Optional.of(to)), Optional.empty());

        assertThat(rows).extracting(row -> row.event().id().value()).containsExactly("at-from", "signup");
        EventRow purchase = rows.get(0);
        assertThat(purchase.event().device()).isEqualTo(enrolled.token());
        assertThat(purchase.event().at()).isEqualTo(from);
        assertThat(purchase.event().value().amount()).isEqualTo(2.5);
        assertThat(purchase.event().properties().json()).isEqualTo("{\"sku\":\"a,\\\"b\\\"\"}");
        assertThat(purchase.receivedAt()).isAfterOrEqualTo(from);
        assertThat(rows.get(1).event().value()).isNull();
        assertThat(rows.get(1).event().properties()).isNull();
        assertThat(events(partial, Period.ALWAYS, Optional.of(PURCHASE))).extracting(row -> row.event().id().value())
                .containsExactly("early", "at-from", "at-to");
    }

    @Test
    void an_unknown_experiment_is_refused_before_any_row() {
        ExperimentKey unknown = ExperimentKey.of("unknown");

        assertThatThrownBy(() -> assignments(unknown, Period.ALWAYS)).isInstanceOf(UnknownExperimentException.class);
        assertThatThrownBy(() -> events(unknown, Period.ALWAYS, Optional.empty()))
                .isInstanceOf(UnknownExperimentException.class);
    }

    private Device register(String token) {
        kit.experimentsForDevice().experimentsFor(DeviceToken.of(token));
        Device device = ports.devices().find(DeviceToken.of(token)).orElseThrow();
        clock.advance(MICRO.multipliedBy(1_000));
        return device;
    }

    private void send(Device device, Receipt receipt, EventInput... inputs) {
        ports.events().store(device, EventBatch.of(device.token(), List.of(inputs), receipt));
    }

    private List<AssignmentRow> assignments(ExperimentKey experiment, Period period) {
        List<AssignmentRow> rows = new ArrayList<>();
        kit.exportAssignments().assignments(experiment, period, rows::add);
        return rows;
    }

    private List<HistoryRow> history(YearMonth month) {
        List<HistoryRow> rows = new ArrayList<>();
        kit.exportHistory().history(month, rows::add);
        return rows;
    }

    private List<EventRow> events(ExperimentKey experiment, Period period, Optional<MetricName> metric) {
        List<EventRow> rows = new ArrayList<>();
        kit.exportEvents().events(experiment, period, metric, rows::add);
        return rows;
    }
}
