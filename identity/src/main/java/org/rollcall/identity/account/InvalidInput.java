package org.rollcall.identity.account;

import java.util.Map;

/** Form input that breaks a rule; messages are keyed by field so pages show them next to it. */
public class InvalidInput extends RuntimeException {
    private final Map<String, String> errors;

    public InvalidInput(Map<String, String> errors) {
        super(String.join("; ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(Map.of(field, message));
    }

    public Map<String, String> errors() {
        return errors;
    }
}
