package dev.datafactory.model.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An operator-written input (spec, schedule, settings) was rejected. Carries every problem found,
 * not just the first, so a person can fix them all in one go.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<Problem> problems;

    public InvalidInputException(String source, List<Problem> problems) {
        super(format(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public static InvalidInputException of(String source, String path, String reason) {
        return new InvalidInputException(source, List.of(new Problem(path, reason)));
    }

    /** What was being read, e.g. a file name or "schedule". */
    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(String source, List<Problem> problems) {
        String lines = problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
        return source + " is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n" + lines;
    }
}
