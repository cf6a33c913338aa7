package dev.datafactory.model.validation;

/** One thing wrong with an input: where (a JSON path such as {@code extract.fields.price.selector}) and why. */
public record Problem(String path, String reason) {

    @Override
    public String toString() {
        return path.isEmpty() ? reason : path + ": " + reason;
    }
}
