package dev.abkit.core.auth;

import java.util.List;
import java.util.stream.Collectors;

/** A principal whose role does not hold a permission the request needs (HTTP: 403). */
public final class PermissionDeniedException extends RuntimeException {

    private final Permission permission;
    private final Role role;

    public PermissionDeniedException(Principal principal, Permission permission) {
        super(detail(principal, permission));
        this.permission = permission;
        this.role = principal.role();
    }

    public Permission permission() {
        return permission;
    }

    public Role role() {
        return role;
    }

    /** The roles that would have been allowed. */
    public List<Role> allowedRoles() {
        return Role.holding(permission);
    }

    /** What the caller reads: what was needed, which roles have it, and what the caller has. */
    public static String detail(Principal principal, Permission permission) {
        return "this needs the permission " + permission.name().toLowerCase(java.util.Locale.ROOT)
                + ", which the roles " + Role.holding(permission).stream().map(Role::wireName)
                .collect(Collectors.joining(", ")) + " have; the token \"" + principal.name()
                + "\" has the role " + principal.role().wireName();
    }
}
