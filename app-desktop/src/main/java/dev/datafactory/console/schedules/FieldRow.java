package dev.datafactory.console.schedules;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable row of the extraction fields table: name, selector, optional attribute, all matches. */
public final class FieldRow {

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty selector = new SimpleStringProperty(this, "selector", "");
    private final StringProperty attribute = new SimpleStringProperty(this, "attribute", "");
    private final BooleanProperty all = new SimpleBooleanProperty(this, "all", false);

    public FieldRow(String name, String selector, String attribute, boolean all) {
        this.name.set(name);
        this.selector.set(selector);
        this.attribute.set(attribute);
        this.all.set(all);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty selectorProperty() {
        return selector;
    }

    public StringProperty attributeProperty() {
        return attribute;
    }

    public BooleanProperty allProperty() {
        return all;
    }
}
