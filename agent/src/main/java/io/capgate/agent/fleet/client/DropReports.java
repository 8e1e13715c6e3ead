package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.spool.DropSnapshot;
import io.capgate.model.protocol.DropReport;
import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.ServiceDrops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the spool's drop counters into a {@link DropReport}. Producers count drops under
 * {@code <serviceId>/observation}, {@code <serviceId>/violation} or {@code <serviceId>/kernel-lost}; any other
 * category (the spool's own {@code spool.*}, an unknown suffix) is reported as dropped observations of a pseudo
 * service named after the category, so no count is ever left out of a report.
 */
public final class DropReports {

    /** The drop category the sender uses for a drop report the full spool could not take. */
    public static final String CATEGORY = "agent/drop-report";

    private DropReports() {
    }

    /** The report of {@code drops}, which must not be empty; its sequence is the placeholder. */
    public static DropReport of(DropSnapshot drops) {
        if (drops.isEmpty()) {
            throw new IllegalArgumentException("there are no drops to report");
        }
        Map<String, long[]> byService = new LinkedHashMap<>();
        drops.counts().forEach((category, n) -> {
            int slash = category.lastIndexOf('/');
            String kind = slash < 0 ? "" : category.substring(slash + 1);
            int column = switch (kind) {
                case "observation" -> 0;
                case "violation" -> 1;
                case "kernel-lost" -> 2;
                default -> -1;
            };
            String service = column < 0 ? category : category.substring(0, slash);
            byService.computeIfAbsent(service, s -> new long[3])[Math.max(column, 0)] += n;
        });
        List<ServiceDrops> services = new ArrayList<>();
        byService.forEach((service, c) -> services.add(new ServiceDrops(
                Limits.clip(service, Limits.MAX_ID_BYTES), c[0], c[1], c[2])));
        List<ServiceDrops> capped = services.subList(0, Math.min(services.size(), Limits.MAX_LIST_ENTRIES));
        return new DropReport(0, SpooledMessages.PLACEHOLDER_SEQUENCE, drops.firstDrop().toEpochMilli(),
                drops.lastDrop().toEpochMilli(), List.copyOf(capped));
    }
}
