package dev.datafactory.model.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/** What tells the worker it was blocked (captcha, login wall, bot page) rather than served. */
public record BlockSignals(List<String> selectors, List<String> texts, List<String> urlPatterns,
                           List<Integer> statusCodes) {

    public BlockSignals {
        selectors = List.copyOf(selectors);
        texts = List.copyOf(texts);
        urlPatterns = List.copyOf(urlPatterns);
        statusCodes = List.copyOf(statusCodes);
    }

    public static BlockSignals none() {
        return new BlockSignals(List.of(), List.of(), List.of(), List.of());
    }

    @JsonIgnore
    public boolean isEmpty() {
        return selectors.isEmpty() && texts.isEmpty() && urlPatterns.isEmpty() && statusCodes.isEmpty();
    }
}
