package dev.datafactory.model.run;

import java.util.List;

/**
 * Whether a page was a block (captcha, login wall, bot page) and which configured signals matched,
 * e.g. {@code status:403}, {@code selector:#captcha}, {@code text:unusual traffic}, {@code url:/login}.
 */
public record BlockVerdict(boolean blocked, List<String> signals) {

    public BlockVerdict {
        signals = List.copyOf(signals);
    }

    public static BlockVerdict clear() {
        return new BlockVerdict(false, List.of());
    }

    public static BlockVerdict blockedBy(List<String> signals) {
        return new BlockVerdict(true, signals);
    }

    /** One line for tables and logs. */
    public String summary() {
        return blocked ? "blocked (" + String.join(", ", signals) + ")" : "clear";
    }
}
