package dev.datafactory.model.spec;

import java.util.Optional;

/** One extracted field: the text of the first match, an attribute of it, or (with {@code all}) a list. */
public record FieldRule(String selector, Optional<String> attribute, boolean all) {

    public static FieldRule text(String selector) {
        return new FieldRule(selector, Optional.empty(), false);
    }
}
