package dev.abkit.core.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.abkit.core.auth.Permission.CHANGE_EXPERIMENTS;
import static dev.abkit.core.auth.Permission.EXPORT_DATA;
import static dev.abkit.core.auth.Permission.LOOK_UP_DEVICES;
import static dev.abkit.core.auth.Permission.MANAGE_TOKENS;
import static dev.abkit.core.auth.Permission.OVERRIDE_DEVICES;
import static dev.abkit.core.auth.Permission.READ_AUDIT;
import static dev.abkit.core.auth.Permission.READ_EXPERIMENTS;
import static dev.abkit.core.auth.Permission.READ_METRICS;
import static dev.abkit.core.auth.Permission.READ_STATISTICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 15's roles, every role against every permission, written out rather than derived. */
class RoleTest {

    private static final Map<Role, Set<Permission>> EXPECTED = Map.of(
            Role.ADMIN, EnumSet.allOf(Permission.class),
            Role.EDITOR, EnumSet.of(READ_EXPERIMENTS, CHANGE_EXPERIMENTS, OVERRIDE_DEVICES),
            Role.QA, EnumSet.of(OVERRIDE_DEVICES, LOOK_UP_DEVICES),
            Role.ANALYST, EnumSet.of(READ_EXPERIMENTS, READ_STATISTICS, EXPORT_DATA, READ_AUDIT, READ_METRICS));

    @Test
    void every_role_holds_exactly_its_permissions() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Role.values());
        for (Role role : Role.values()) {
            for (Permission permission : Permission.values()) {
                assertThat(role.may(permission)).as(role + " may " + permission)
                        .isEqualTo(EXPECTED.get(role).contains(permission));
            }
        }
    }

    @Test
    void only_admins_manage_tokens() {
        assertThat(Role.holding(MANAGE_TOKENS)).containsExactly(Role.ADMIN);
        assertThat(Role.holding(OVERRIDE_DEVICES)).containsExactly(Role.ADMIN, Role.EDITOR, Role.QA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "editor", "qa", "analyst"})
    void wire_names_read_back(String name) {
        assertThat(Role.of(name).wireName()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "Admin", "", "root", " admin"})
    void other_names_are_refused_with_the_four_allowed(String name) {
        assertThatThrownBy(() -> Role.of(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("admin, editor, qa, analyst");
    }

    @Test
    void a_refusal_names_the_permission_the_roles_that_have_it_and_the_callers_role() {
        Principal qa = new Principal(java.util.Optional.empty(), TokenName.of("quinn"), Role.QA);
        assertThatThrownBy(() -> qa.require(CHANGE_EXPERIMENTS)).isInstanceOf(PermissionDeniedException.class)
                .hasMessage("this needs the permission change_experiments, which the roles admin, editor have;"
                        + " the token \"quinn\" has the role qa");
        qa.require(LOOK_UP_DEVICES);
    }
}
