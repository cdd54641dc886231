package dev.abkit.console;

import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.port.in.NewToken;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The form that creates a personal token, as an admin filled it in: turned into the core's command, or into
 * what is wrong with it, field by field, named as the admin API names them ({@code name}, {@code role},
 * {@code expiresIn}). The checks are the core's ({@link TokenName}, {@link Role#of}, {@link NewToken}'s limits on
 * a lifetime); this class says which input each reason belongs to.
 */
final class TokenForm {

    static final String NAME = "name";
    static final String ROLE = "role";
    static final String EXPIRES_IN = "expiresIn";

    private final FormFields fields;

    private TokenForm(FormFields fields) {
        this.fields = fields;
    }

    static TokenForm empty() {
        return new TokenForm(FormFields.parse(""));
    }

    static TokenForm of(FormFields fields) {
        return new TokenForm(fields);
    }

    /** @return the command, or null when {@code errors} received what is wrong */
    NewToken command(FieldErrors errors) {
        TokenName name = checked(errors, NAME, () -> NewToken.requireNotReserved(TokenName.of(fields.text(NAME))));
        Role role = checked(errors, ROLE, () -> Role.of(fields.text(ROLE)));
        Optional<Duration> lifetime = fields.text(EXPIRES_IN).isEmpty() ? Optional.empty()
                : Optional.ofNullable(checked(errors, EXPIRES_IN, this::lifetime));
        if (!errors.isEmpty()) {
            return null;
        }
        return checked(errors, EXPIRES_IN, () -> new NewToken(name, role, lifetime));
    }

    private Duration lifetime() {
        String text = fields.text(EXPIRES_IN);
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 duration in days, hours, minutes or seconds"
                    + " such as P90D or PT12H (got \"" + text + "\")");
        }
    }

    private static <T> T checked(FieldErrors errors, String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            errors.add(field, e.getMessage());
            return null;
        }
    }

    /** The form as filled in (a role to choose, none chosen at first), with what is wrong next to each field. */
    TokensPage.CreateForm form(FieldErrors errors) {
        String chosen = fields.text(ROLE);
        List<Choice> roles = Arrays.stream(Role.values())
                .map(role -> new Choice(role.wireName(), role.wireName(), role.wireName().equals(chosen))).toList();
        return new TokensPage.CreateForm(errors.count(), field(NAME, errors), roles, field(ROLE, errors),
                field(EXPIRES_IN, errors));
    }

    private Field field(String name, FieldErrors errors) {
        return new Field(name, fields.text(name), errors.of(name));
    }
}
