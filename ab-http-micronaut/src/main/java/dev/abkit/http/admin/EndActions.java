package dev.abkit.http.admin;

import dev.abkit.core.model.EndAction;
import dev.abkit.http.problem.InvalidInputException;

/** The wire form of an experiment's end action: its name. */
final class EndActions {

    private EndActions() {
    }

    /** @return the end action, or null for null */
    static EndAction endAction(String text) {
        if (text == null) {
            return null;
        }
        try {
            return EndAction.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("endAction", "must be CLOSE or STOP");
        }
    }
}
