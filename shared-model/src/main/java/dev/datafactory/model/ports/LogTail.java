package dev.datafactory.model.ports;

/** A live log stream; closing it cancels the stream and releases its resources. */
public interface LogTail extends AutoCloseable {

    @Override
    void close();
}
