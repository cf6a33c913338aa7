package dev.datafactory.worker.canary;

import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryEventCodec;
import dev.datafactory.model.ports.CanaryEventSink;

import java.io.PrintStream;

/**
 * Canary lines as Cloud Run expects structured logs: one JSON object per line on stdout, which
 * Cloud Logging turns into entries with severity, labels and trace. The stream is handed in by the
 * entry point, the only place that may touch {@code System.out}.
 */
public final class StdoutCanarySink implements CanaryEventSink {

    private final PrintStream out;

    public StdoutCanarySink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void emit(CanaryEvent event) {
        String line = CanaryEventCodec.toLine(event);
        // One println per line under the stream's lock: lines from concurrent jobs never interleave.
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
