package io.capgate.agent.os;

import java.util.HashMap;
import java.util.Map;

/**
 * The parts of {@code /proc/PID/status} the agent uses.
 *
 * @param name the command name ({@code Name:})
 * @param tgid thread group id, i.e. the process id ({@code Tgid:})
 * @param ppid parent process id ({@code PPid:})
 * @param realUid real user id (first {@code Uid:} field)
 * @param effectiveUid effective user id (second {@code Uid:} field)
 */
public record ProcStatus(String name, int tgid, int ppid, int realUid, int effectiveUid) {

    /**
     * Parses the text of a status file.
     *
     * @param text the file content
     * @param source where it came from, for error messages
     * @return the parsed fields
     * @throws ProcFormatException when a needed field is missing or not a number
     */
    public static ProcStatus parse(String text, String source) throws ProcFormatException {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        String[] uids = require(fields, "Uid", source).split("\\s+");
        if (uids.length < 2) {
            throw new ProcFormatException(source + ": Uid line has fewer than 2 fields");
        }
        return new ProcStatus(
                fields.getOrDefault("Name", ""),
                number(require(fields, "Tgid", source), "Tgid", source),
                number(require(fields, "PPid", source), "PPid", source),
                number(uids[0], "Uid", source),
                number(uids[1], "Uid", source));
    }

    private static String require(Map<String, String> fields, String key, String source)
            throws ProcFormatException {
        String value = fields.get(key);
        if (value == null) {
            throw new ProcFormatException(source + " has no " + key + ": line");
        }
        return value;
    }

    private static int number(String value, String key, String source) throws ProcFormatException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ProcFormatException("%s: %s is not a number: %s".formatted(source, key, value));
        }
    }
}
