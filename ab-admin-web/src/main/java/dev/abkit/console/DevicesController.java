package dev.abkit.console;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.UnknownDeviceException;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.in.DeviceReport;
import dev.abkit.core.port.in.FindDevice;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.function.Function;

/**
 * The device lookup (QA and support): one device by its token, as the admin API's device endpoint shows it,
 * for a role that may look devices up ({@code LOOK_UP_DEVICES}, checked here: {@link FindDevice} takes no
 * principal). A GET form: looking up changes nothing, and the address can be shared.
 */
@Controller(Paths.DEVICES)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DevicesController {

    static final String TOKEN = "token";

    private final FindDevice devices;
    private final ConsolePages pages;

    public DevicesController(FindDevice devices, ConsolePages pages) {
        this.devices = devices;
        this.pages = pages;
    }

    /** @param token the device token entered; absent or empty: the page asks for one */
    @Get(produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> lookUp(HttpRequest<?> request, @Nullable @QueryValue String token) {
        SignedIn signedIn = SignedIn.of(request);
        Principal principal = signedIn.principal();
        if (!principal.may(Permission.LOOK_UP_DEVICES)) {
            return pages.refused(signedIn, Permission.LOOK_UP_DEVICES, request);
        }
        String text = token == null ? "" : token.trim();
        if (text.isEmpty()) {
            return pages.ok("devices", new DevicePage(signedIn.frame(), new Field(TOKEN, "", null), null), request);
        }
        DeviceReport report;
        try {
            report = devices.find(DeviceToken.of(text));
        } catch (IllegalArgumentException notAToken) {
            return refused(signedIn, HttpStatus.BAD_REQUEST, text, notAToken.getMessage(), request);
        } catch (UnknownDeviceException unknown) {
            return refused(signedIn, HttpStatus.NOT_FOUND, text, "no device was ever seen with this token", request);
        }
        return pages.ok("devices", new DevicePage(signedIn.frame(), new Field(TOKEN, text, null),
                device(report, principal)), request);
    }

    private HttpResponse<?> refused(SignedIn signedIn, HttpStatus status, String entered, String reason,
                                    HttpRequest<?> request) {
        return pages.page(status, "devices", new DevicePage(signedIn.frame(), new Field(TOKEN, entered, reason), null),
                request);
    }

    private static DevicePage.Device device(DeviceReport report, Principal principal) {
        DeviceAttributes said = report.attributes();
        Function<String, String> path = principal.may(Permission.READ_EXPERIMENTS) ? Paths::experiment
                : principal.may(Permission.OVERRIDE_DEVICES) ? Paths::overrides : key -> null;
        return new DevicePage.Device(report.token().value(), Shown.time(report.firstSeen()),
                said.platform() == null ? null : said.platform().text(),
                said.appVersion() == null ? null : said.appVersion().value(),
                said.locale() == null ? null : said.locale().value(),
                report.assignments().stream().map(held -> new DevicePage.Assignment(held.experiment().value(),
                        path.apply(held.experiment().value()), held.value(), held.status().name(),
                        Shown.statusClass(held.status()), held.slot() == null ? null : held.slot().toString(),
                        held.override(), held.leftOut())).toList());
    }
}
