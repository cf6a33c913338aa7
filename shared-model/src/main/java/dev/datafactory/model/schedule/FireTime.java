package dev.datafactory.model.schedule;

import java.time.Instant;
import java.time.LocalDateTime;

/** One firing of a schedule: when it happens, the wall-clock slot it stands for, and any DST effect. */
public record FireTime(Instant instant, LocalDateTime slot, DstEffect dstEffect) {

    public enum DstEffect {
        /** An ordinary slot. */
        NONE,
        /** The slot does not exist that day (clocks jumped forward); the firing moves forward by the gap. */
        SHIFTED_BY_GAP,
        /** The slot happens twice that day (clocks went back); the schedule fires once, at the first. */
        REPEATED_ONCE
    }
}
