package dev.abkit.http.admin;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.export.Period;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.ExportAssignments;
import dev.abkit.core.port.in.ExportEvents;
import dev.abkit.core.port.in.ExportHistory;
import dev.abkit.http.auth.NeedsPermission;
import dev.abkit.http.export.CsvDownload;
import dev.abkit.http.export.ExportColumns;
import dev.abkit.http.json.Instants;
import dev.abkit.http.problem.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The CSV exports of issue 15, streamed: assignments and raw events of an experiment by period, and the monthly
 * history. The query parameters are checked here on the event loop, each naming itself in a 400; the export
 * runs on the blocking executor ({@link CsvDownload}), and the response starts once its first rows are read.
 * The admin token is checked by {@link dev.abkit.http.auth.AdminTokenFilter}.
 */
@Controller("/api/v1/admin")
public class AdminExportsController {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");

    private final ExportAssignments exportAssignments;
    private final ExportHistory exportHistory;
    private final ExportEvents exportEvents;
    private final CsvDownload downloads;

    public AdminExportsController(ExportAssignments exportAssignments, ExportHistory exportHistory,
                                  ExportEvents exportEvents, @Named(TaskExecutors.BLOCKING) ExecutorService database) {
        this.exportAssignments = exportAssignments;
        this.exportHistory = exportHistory;
        this.exportEvents = exportEvents;
        this.downloads = new CsvDownload(database);
    }

    @NeedsPermission(Permission.EXPORT_DATA)
    @Get(uri = "/experiments/{key}/assignments.csv", produces = "text/csv")
    public CompletableFuture<HttpResponse<StreamedFile>> assignments(@PathVariable String key,
                                                                     @QueryValue @Nullable String from,
                                                                     @QueryValue @Nullable String to) {
        ExperimentKey experiment = AdminExperimentsController.existingKey(key);
        Period period = period(from, to);
        return downloads.download(experiment.value() + "-assignments" + fileSuffix(period), ExportColumns.ASSIGNMENTS,
                csv -> exportAssignments.assignments(experiment, period, row -> csv.print(ExportColumns.of(row))));
    }

    @NeedsPermission(Permission.EXPORT_DATA)
    @Get(uri = "/history.csv", produces = "text/csv")
    public CompletableFuture<HttpResponse<StreamedFile>> history(@QueryValue @Nullable String month) {
        YearMonth yearMonth = month(month);
        return downloads.download("history-" + yearMonth + ".csv", ExportColumns.HISTORY,
                csv -> exportHistory.history(yearMonth, row -> csv.print(ExportColumns.of(row))));
    }

    @NeedsPermission(Permission.EXPORT_DATA)
    @Get(uri = "/experiments/{key}/events.csv", produces = "text/csv")
    public CompletableFuture<HttpResponse<StreamedFile>> events(@PathVariable String key,
                                                                @QueryValue @Nullable String from,
                                                                @QueryValue @Nullable String to,
                                                                @QueryValue @Nullable String metric) {
        ExperimentKey experiment = AdminExperimentsController.existingKey(key);
        Period period = period(from, to);
        Optional<MetricName> name = metric(metric);
        String prefix = experiment.value() + "-events" + name.map(value -> "-" + value.value()).orElse("");
        return downloads.download(prefix + fileSuffix(period), ExportColumns.EVENTS,
                csv -> exportEvents.events(experiment, period, name, row -> csv.print(ExportColumns.of(row))));
    }

    private static Period period(String from, String to) {
        Optional<Instant> start = Optional.ofNullable(Instants.parse("from", from));
        Optional<Instant> end = Optional.ofNullable(Instants.parse("to", to));
        try {
            return new Period(start, end);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("from", e.getMessage());
        }
    }

    private static YearMonth month(String month) {
        if (month == null) {
            throw new InvalidInputException("month", "is required: a month in UTC such as 2026-11");
        }
        // Four digits, as instants' years are (Instants): "uuuu" alone reads +300000-01 too, past what can be stored.
        YearMonth parsed = null;
        if (month.matches("[0-9]{4}-[0-9]{2}")) {
            try {
                parsed = YearMonth.parse(month, MONTH);
            } catch (DateTimeParseException e) {
                parsed = null;
            }
        }
        if (parsed == null || parsed.getYear() < 1) {
            throw new InvalidInputException("month", "must be a month such as 2026-11 (YYYY-MM, years 0001 to 9999)");
        }
        return parsed;
    }

    private static Optional<MetricName> metric(String metric) {
        if (metric == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MetricName.of(metric));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("metric", e.getMessage());
        }
    }

    /** The period in a file name, without the colons that some file systems refuse: "-from-…-to-….csv". */
    private static String fileSuffix(Period period) {
        String from = period.from().map(AdminExportsController::fileSafe).map(text -> "-from-" + text).orElse("");
        String to = period.to().map(AdminExportsController::fileSafe).map(text -> "-to-" + text).orElse("");
        return from + to + ".csv";
    }

    private static String fileSafe(Instant instant) {
        return instant.toString().replace(':', '-');
    }
}
