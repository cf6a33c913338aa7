package dev.datafactory.console.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.UserMessages;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.schedule.RetryPolicy;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import dev.datafactory.model.schedule.ScheduleState;
import dev.datafactory.model.spec.ScrapeSpec;
import dev.datafactory.model.spec.ScrapeSpecCodec;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problem;
import dev.datafactory.model.validation.Problems;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Creates or edits one schedule: id, name, time zone, state, the cron builder and the job
 * template (as a form or as JSON). Validation is the shared codec's, run on the JSON the backend
 * will store, so every problem carries its field path ({@code cron}, {@code template.startUrls[0]},
 * ...) and the view marks the field it belongs to.
 */
public final class ScheduleEditorViewModel {

    /** Which tab of the template editor is the source of truth. */
    public enum TemplateTab {
        FORM, JSON
    }

    private final ConsoleContext context;
    private final StringProperty id = new SimpleStringProperty(this, "id", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty timeZone = new SimpleStringProperty(this, "timeZone", "UTC");
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", true);
    private final CronBuilderViewModel cron;
    private final SpecFormViewModel form = new SpecFormViewModel();
    private final StringProperty json = new SimpleStringProperty(this, "json", "");
    private final ObjectProperty<TemplateTab> tab = new SimpleObjectProperty<>(this, "tab", TemplateTab.FORM);
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper(this, "creating", true);
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving", false);
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper(this, "saveError", "");
    private RetryPolicy retry = RetryPolicy.defaults();

    public ScheduleEditorViewModel(ConsoleContext context) {
        this.context = context;
        this.cron = new CronBuilderViewModel(context.clock(), context.operatorZone());
        cron.zoneProperty().bind(timeZone);
    }

    /** Starts a new schedule with a starter template. */
    public void startNew(String suggestedId) {
        creating.set(true);
        id.set(suggestedId);
        name.set("");
        timeZone.set(context.operatorZone().getId());
        enabled.set(true);
        cron.rawProperty().set("0 9 * * 1-5");
        retry = RetryPolicy.defaults();
        form.load(SpecFormViewModel.starter(suggestedId));
        json.set(ScrapeSpecCodec.toJson(SpecFormViewModel.starter(suggestedId)));
        tab.set(TemplateTab.FORM);
        problems.clear();
        saveError.set("");
    }

    /** Loads a stored schedule for editing; its id cannot change. */
    public void edit(Schedule schedule) {
        creating.set(false);
        id.set(schedule.id());
        name.set(schedule.name());
        timeZone.set(schedule.timeZone());
        enabled.set(schedule.state() == ScheduleState.ENABLED);
        cron.rawProperty().set(schedule.cron());
        retry = schedule.retry();
        form.load(schedule.template());
        json.set(ScrapeSpecCodec.toJson(schedule.template()));
        tab.set(TemplateTab.FORM);
        problems.clear();
        saveError.set("");
    }

    public StringProperty idProperty() {
        return id;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty timeZoneProperty() {
        return timeZone;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public CronBuilderViewModel cron() {
        return cron;
    }

    public SpecFormViewModel form() {
        return form;
    }

    public StringProperty jsonProperty() {
        return json;
    }

    public ObjectProperty<TemplateTab> tabProperty() {
        return tab;
    }

    /** True for a new schedule (the id is editable), false when editing a stored one. */
    public ReadOnlyBooleanProperty creatingProperty() {
        return creating.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** A failure that is not about one field (backend down, permission denied). */
    public ReadOnlyStringProperty saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }

    /** Every problem of the last validation, with its path; read-only. */
    public ObservableList<Problem> problems() {
        return problemsView;
    }

    /** The reasons for one field: problems at {@code path} itself or inside it ({@code path.x}, {@code path[0]}). */
    public List<String> problemsAt(String path) {
        return problems.stream().filter(p -> covers(path, p.path())).map(Problem::reason).toList();
    }

    static boolean covers(String fieldPath, String problemPath) {
        return problemPath.equals(fieldPath) || problemPath.startsWith(fieldPath + ".")
                || problemPath.startsWith(fieldPath + "[");
    }

    /**
     * Switches the template editor's tab. Leaving the form writes its JSON; leaving JSON reads it
     * back into the form, and stays on JSON (with the problems shown) when it does not read.
     */
    public boolean switchTab(TemplateTab target) {
        if (target == tab.get()) {
            return true;
        }
        if (target == TemplateTab.JSON) {
            Problems formProblems = new Problems();
            json.set(Json.writePretty(form.toTree("template.", formProblems)));
            problems.setAll(formProblems.list());
            tab.set(TemplateTab.JSON);
            return true;
        }
        try {
            ScrapeSpec spec = ScrapeSpecCodec.parse("template", json.get());
            form.load(spec);
            problems.clear();
            tab.set(TemplateTab.FORM);
            return true;
        } catch (InvalidInputException e) {
            problems.setAll(prefixed(e.problems(), "template"));
            return false;
        }
    }

    /** Validates everything; the schedule to store, or empty with {@link #problems()} filled. */
    public Optional<Schedule> validate() {
        Problems local = new Problems();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("id", id.get().trim());
        root.put("name", name.get().isBlank() ? id.get().trim() : name.get().trim());
        root.put("cron", cron.rawProperty().get() == null ? "" : cron.rawProperty().get().trim());
        root.put("timeZone", timeZone.get() == null ? "" : timeZone.get().trim());
        root.put("state", enabled.get() ? ScheduleState.ENABLED.name() : ScheduleState.PAUSED.name());
        if (tab.get() == TemplateTab.FORM) {
            root.set("template", form.toTree("template.", local));
        } else {
            try {
                JsonNode template = Json.parseTree("template", json.get());
                root.set("template", template);
            } catch (InvalidInputException e) {
                problems.setAll(prefixed(e.problems(), "template"));
                return Optional.empty();
            }
        }
        ObjectNode r = root.putObject("retry");
        r.put("maxAttempts", retry.maxAttempts());
        r.put("minBackoffSeconds", retry.minBackoffSeconds());
        r.put("maxBackoffSeconds", retry.maxBackoffSeconds());
        List<Problem> found = new ArrayList<>(local.list());
        Schedule schedule = null;
        try {
            schedule = ScheduleCodec.parse("schedule", Json.write(root));
        } catch (InvalidInputException e) {
            found.addAll(e.problems());
        }
        if (!cron.validProperty().get() && found.stream().noneMatch(p -> p.path().equals("cron"))) {
            found.add(new Problem("cron", cron.errorProperty().get()));
        }
        problems.setAll(found);
        return found.isEmpty() ? Optional.ofNullable(schedule) : Optional.empty();
    }

    /** Validates and stores (create or update) in the background; {@code onSaved} gets what the backend kept. */
    public void save(Consumer<Schedule> onSaved) {
        Optional<Schedule> valid = validate();
        if (valid.isEmpty()) {
            saveError.set("Fix the " + (problems.size() == 1 ? "problem" : problems.size() + " problems")
                    + " marked below, then save again.");
            return;
        }
        Schedule schedule = valid.get();
        boolean isNew = creating.get();
        saving.set(true);
        saveError.set("");
        context.tasks().task(isNew ? "Creating schedule " + schedule.id() : "Saving schedule " + schedule.id(),
                        ctx -> isNew ? context.backend().schedules().create(schedule)
                                : context.backend().schedules().update(schedule))
                .onSuccess(saved -> {
                    creating.set(false);
                    onSaved.accept(saved);
                })
                .onError(e -> {
                    if (e instanceof InvalidInputException invalid) {
                        problems.setAll(invalid.problems());
                        saveError.set("The backend rejected the schedule; see the problems below.");
                    } else {
                        saveError.set(UserMessages.describe(e));
                    }
                })
                .onFinished(() -> saving.set(false))
                .start();
    }

    private static List<Problem> prefixed(List<Problem> list, String prefix) {
        return list.stream().map(p -> new Problem(p.path().isEmpty() ? prefix : prefix + "." + p.path(), p.reason()))
                .toList();
    }
}
