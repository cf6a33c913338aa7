package dev.datafactory.console.common;

/** The part of a task that runs off the FX thread; it must not touch the scene graph. */
@FunctionalInterface
public interface BackgroundWork<T> {

    T run(TaskContext context) throws Exception;
}
