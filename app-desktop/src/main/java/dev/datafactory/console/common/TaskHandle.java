package dev.datafactory.console.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** A started task, observed on the FX thread. Progress is -1 while indeterminate, as in JavaFX. */
public interface TaskHandle {

    ReadOnlyDoubleProperty progressProperty();

    ReadOnlyStringProperty messageProperty();

    ReadOnlyBooleanProperty runningProperty();

    /** Asks the work to stop; neither onSuccess nor onError runs afterwards, onCancelled does. */
    void cancel();

    boolean isCancelled();
}
