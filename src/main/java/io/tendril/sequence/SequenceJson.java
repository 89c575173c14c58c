package io.tendril.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tendril.capture.JsonFields;
import io.tendril.http.Json;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON shapes of the sequence API that several parts share: send windows
 * ({@code {"days": ["mon"], "start": "09:00", "end": "17:00"}}), times of day as {@code HH:MM},
 * weekdays as {@code mon} to {@code sun}, and steps as the API shows them.
 */
final class SequenceJson {

    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat",
            "sun");
    private static final Set<String> WINDOW = Set.of("days", "start", "end");

    private SequenceJson() {
    }

    /** Reads a send window at {@code path}; null when absent or JSON null (no window). */
    static SendWindow window(JsonNode node, String path, JsonFields json) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            json.error(path, "Must be an object such as {\"days\": [\"mon\", \"tue\"], \"start\":"
                    + " \"09:00\", \"end\": \"17:00\"}, or null for no window.");
            return null;
        }
        json.unknownProperties(node, path + ".", WINDOW);
        Set<DayOfWeek> days = days(node.get("days"), path + ".days", json);
        LocalTime start = time(node.get("start"), path + ".start", json);
        LocalTime end = time(node.get("end"), path + ".end", json);
        if (days == null || start == null || end == null) {
            return null;
        }
        if (!start.isBefore(end)) {
            json.error(path + ".end", "Must be later than start (" + start + "); a window"
                    + " cannot cross midnight.");
            return null;
        }
        return new SendWindow(days, start, end);
    }

    /** Reads a time of day written {@code HH:MM}; reports it and returns null otherwise. */
    static LocalTime time(JsonNode node, String path, JsonFields json) {
        if (node == null || node.isNull()) {
            json.error(path, "Is required: a time of day such as \"09:00\".");
            return null;
        }
        if (!node.isTextual() || !TIME.matcher(node.asText()).matches()) {
            json.error(path, "Must be a time of day written HH:MM, from \"00:00\" to \"23:59\";"
                    + " got " + node + ".");
            return null;
        }
        return LocalTime.parse(node.asText());
    }

    /** Reads a weekday code such as {@code "tue"}; reports it and returns null otherwise. */
    static DayOfWeek day(JsonNode node, String path, JsonFields json) {
        String code = node != null && node.isTextual() ? node.asText() : null;
        if (code == null || !DAYS.contains(code.toLowerCase(Locale.ROOT))) {
            json.error(path, "Must be one of " + String.join(", ", DAYS) + "; got "
                    + (node == null ? "nothing" : node.toString()) + ".");
            return null;
        }
        return DayOfWeek.of(DAYS.indexOf(code.toLowerCase(Locale.ROOT)) + 1);
    }

    private static Set<DayOfWeek> days(JsonNode node, String path, JsonFields json) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            json.error(path, "Must be a non-empty list of days such as [\"mon\", \"fri\"].");
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < node.size(); i++) {
            DayOfWeek day = day(node.get(i), path + "[" + i + "]", json);
            if (day != null) {
                days.add(day);
            }
        }
        return days.isEmpty() ? null : days;
    }

    /** Returns the code of a weekday, {@code mon} to {@code sun}. */
    static String code(DayOfWeek day) {
        return DAYS.get(day.getValue() - 1);
    }

    /** Returns the window as the API shows it, or JSON null. */
    static JsonNode window(SendWindow window) {
        if (window == null) {
            return Json.MAPPER.nullNode();
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        window.days().stream().sorted().map(SequenceJson::code).forEach(node.putArray("days")::add);
        node.put("start", window.start().toString());
        node.put("end", window.end().toString());
        return node;
    }

    /** Returns a step as the API shows it: the submitted shape plus its id and position. */
    static ObjectNode step(StepPlan step) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", step.id());
        node.put("position", step.position());
        node.put("name", step.name());
        node.set("wait", wait(step.delay()));
        node.set("window", window(step.window()));
        node.set("condition", step.condition() == null ? Json.MAPPER.nullNode()
                : step.condition().toJson());
        node.put("action", step.action().code());
        if (step.action() == StepPlan.Action.EMAIL) {
            node.put("subject", step.subjectTemplate());
            node.put("html", step.htmlTemplate());
            node.put("text", step.textTemplate());
        } else {
            node.put("value", step.actionValue());
        }
        return node;
    }

    static ObjectNode wait(Wait wait) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (wait.kind() == Wait.Kind.NEXT_WEEKDAY) {
            node.put("weekday", code(wait.weekday()));
            node.put("at", wait.at().toString());
        } else {
            node.put("amount", wait.amount());
            node.put("unit", wait.unit().name().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    /** Returns the days of a window as stored in {@code window_days}: 1 = Monday. */
    static int[] dayNumbers(SendWindow window) {
        return window == null ? null
                : window.days().stream().sorted().mapToInt(DayOfWeek::getValue).toArray();
    }
}
