package dev.datafactory.console.compare;

/**
 * How the two screenshots are shown: next to each other, the right one laid over the left at half
 * opacity, flipping between them, or the right one faded over the left by a slider (onion skin).
 */
public enum CompareMode {
    SIDE_BY_SIDE("Side by side"), OVERLAY("Overlay"), FLIP("Flip"), ONION_SKIN("Onion skin");

    private final String label;

    CompareMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
