package dev.abkit.persistence;

import dev.abkit.core.model.AppVersion;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.Platform;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A device's attributes to and from the nullable columns {@code platform}, {@code app_version}, {@code locale}. */
final class DeviceColumns {

    private DeviceColumns() {
    }

    static String platform(DeviceAttributes attributes) {
        return attributes.platform() == null ? null : attributes.platform().text();
    }

    static String appVersion(DeviceAttributes attributes) {
        return attributes.appVersion() == null ? null : attributes.appVersion().value();
    }

    static String locale(DeviceAttributes attributes) {
        return attributes.locale() == null ? null : attributes.locale().value();
    }

    /** The attributes of the current row; the columns hold only what the core wrote, so they parse. */
    static DeviceAttributes attributes(ResultSet row) throws SQLException {
        String platform = row.getString("platform");
        String appVersion = row.getString("app_version");
        String locale = row.getString("locale");
        if (platform == null && appVersion == null && locale == null) {
            return DeviceAttributes.UNKNOWN;
        }
        return new DeviceAttributes(platform == null ? null : Platform.of(platform),
                appVersion == null ? null : AppVersion.of(appVersion), locale == null ? null : LocaleTag.of(locale));
    }
}
