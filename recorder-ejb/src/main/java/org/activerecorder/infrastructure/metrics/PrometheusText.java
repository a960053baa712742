package org.activerecorder.infrastructure.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Meters in the Prometheus text exposition format, version 0.0.4: one family per name ({@code # HELP},
 * {@code # TYPE}, then a sample per tag set), names in Prometheus's style ({@code recorder.rtp.packets.received}
 * with unit {@code packets}, a counter, is {@code recorder_rtp_packets_received_total}).
 *
 * <p>Written here, not taken from a library, because the one that does it (Micrometer's Prometheus registry with the
 * Prometheus client's exposition formats) is given by WildFly 39 only at the "community" stability level, and
 * bundling our own copy would put a second Micrometer beside the one WildFly gives the deployment. The recorder's
 * meters are gauges and counters, whose format is a few lines (docs/metrics.md).
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static String render(List<Meter> meters) {
        Map<String, List<Meter>> families = new LinkedHashMap<>();
        List<Meter> sorted = new ArrayList<>(meters);
        sorted.sort(Comparator.comparing((Meter meter) -> name(meter.getId())).thenComparing(meter -> meter.getId().getTags().toString()));
        for (Meter meter : sorted) {
            families.computeIfAbsent(name(meter.getId()), name -> new ArrayList<>()).add(meter);
        }
        StringBuilder text = new StringBuilder(64 * meters.size() + 16);
        families.forEach((name, family) -> family(text, name, family));
        return text.toString();
    }

    private static void family(StringBuilder text, String name, List<Meter> family) {
        Meter.Id first = family.get(0).getId();
        if (first.getDescription() != null) {
            text.append("# HELP ").append(name).append(' ').append(escapeHelp(first.getDescription())).append('\n');
        }
        text.append("# TYPE ").append(name).append(' ').append(type(first.getType())).append('\n');
        for (Meter meter : family) {
            for (Measurement measurement : meter.measure()) {
                text.append(name).append(sampleSuffix(meter.getId().getType(), measurement.getStatistic()));
                labels(text, meter.getId().getTags());
                text.append(' ').append(number(measurement.getValue())).append('\n');
            }
        }
    }

    /**
     * The family's name: dots and other characters Prometheus refuses become underscores, and the unit is appended
     * unless the name already says it ({@code recorder.rtp.packets.received} in packets stays as it is).
     */
    static String name(Meter.Id id) {
        String name = sanitize(id.getName());
        String unit = id.getBaseUnit();
        if (unit != null && !unit.isEmpty()) {
            String suffix = "_" + sanitize(unit);
            if (!name.endsWith(suffix) && !name.contains(suffix + "_")) {
                name += suffix;
            }
        }
        if (id.getType() == Meter.Type.COUNTER && !name.endsWith("_total")) {
            name += "_total";
        }
        return name;
    }

    private static String type(Meter.Type type) {
        return switch (type) {
            case COUNTER -> "counter";
            case GAUGE -> "gauge";
            default -> "untyped";
        };
    }

    /** Counters and gauges have one measurement; other meters (none of ours) get one sample per statistic. */
    private static String sampleSuffix(Meter.Type type, Statistic statistic) {
        if (type == Meter.Type.COUNTER || type == Meter.Type.GAUGE) {
            return "";
        }
        return "_" + statistic.name().toLowerCase(Locale.ROOT);
    }

    private static void labels(StringBuilder text, List<Tag> tags) {
        if (tags.isEmpty()) {
            return;
        }
        text.append('{');
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            Tag tag = tags.get(i);
            text.append(sanitize(tag.getKey())).append("=\"").append(escapeLabel(tag.getValue())).append('"');
        }
        text.append('}');
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                    || (c >= '0' && c <= '9' && i > 0);
            out.append(allowed ? c : '_');
        }
        return out.toString();
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
