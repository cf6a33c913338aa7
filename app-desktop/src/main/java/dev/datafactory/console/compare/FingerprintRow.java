package dev.datafactory.console.compare;

/** One line of the side-by-side fingerprint table; {@code differs} marks what a site could tell apart. */
public record FingerprintRow(String key, String left, String right, boolean differs) {
}
