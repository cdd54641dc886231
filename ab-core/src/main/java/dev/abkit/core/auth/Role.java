package dev.abkit.core.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a token holder may do (issue 15). The table lives here, once: {@code admin} everything;
 * {@code editor} experiments, their lifecycle and overrides; {@code qa} overrides and device lookup;
 * {@code analyst} read-only: experiments, statistics, results, exports, the experiments' audit trail and
 * the meters.
 * docs/decisions/0016-tokens-and-roles.md says why reads of experiments and {@code /metrics} fall where they do.
 */
public enum Role {

    ADMIN(EnumSet.allOf(Permission.class)),
    EDITOR(EnumSet.of(Permission.READ_EXPERIMENTS, Permission.CHANGE_EXPERIMENTS, Permission.OVERRIDE_DEVICES)),
    QA(EnumSet.of(Permission.OVERRIDE_DEVICES, Permission.LOOK_UP_DEVICES)),
    ANALYST(EnumSet.of(Permission.READ_EXPERIMENTS, Permission.READ_STATISTICS, Permission.EXPORT_DATA,
            Permission.READ_AUDIT, Permission.READ_METRICS));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    /** The roles that hold {@code permission}, in declaration order: what a refusal tells the caller. */
    public static List<Role> holding(Permission permission) {
        return Arrays.stream(values()).filter(role -> role.may(permission)).toList();
    }

    /** The role's name as the API writes it: {@code admin}, {@code editor}, {@code qa}, {@code analyst}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a wire name; exactly one of the four, lower case. */
    public static Role of(String wireName) {
        for (Role role : values()) {
            if (role.wireName().equals(wireName)) {
                return role;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(Role::wireName)
                .collect(Collectors.joining(", ")) + " (got " + (wireName == null ? "nothing" : "\"" + wireName + "\"") + ")");
    }
}
