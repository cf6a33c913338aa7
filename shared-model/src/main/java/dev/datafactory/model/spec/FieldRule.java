package dev.datafactory.model.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Optional;

/** One extracted field: the text of the first match, an attribute of it, or (with {@code all}) a list. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record FieldRule(String selector, Optional<String> attribute,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean all) {

    public static FieldRule text(String selector) {
        return new FieldRule(selector, Optional.empty(), false);
    }
}
