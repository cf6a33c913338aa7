package dev.datafactory.model.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while an input is read, so that all of them are reported together. */
public final class Problems {

    private final List<Problem> list = new ArrayList<>();

    public void add(String path, String reason) {
        list.add(new Problem(path, reason));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(list);
    }

    /** Throws when anything was collected. */
    public void throwIfAny(String source) {
        if (!list.isEmpty()) {
            throw new InvalidInputException(source, list);
        }
    }
}
