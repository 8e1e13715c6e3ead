package io.capgate.agent.os;

import java.util.ArrayList;
import java.util.List;

/**
 * Parser for {@code /proc/PID/maps}.
 *
 * <p>Line format (proc(5)): {@code start-end perms offset dev inode [path]}, with the path
 * padded by spaces and possibly containing spaces itself.
 */
public final class ProcMaps {

    private ProcMaps() {
    }

    /**
     * Parses the whole text of a maps file.
     *
     * @param text the file content
     * @param source where it came from, for error messages (e.g. {@code /proc/42/maps})
     * @return the mappings in file order (ascending addresses)
     * @throws ProcFormatException when a line does not follow the format
     */
    public static List<MemoryMapping> parse(String text, String source) throws ProcFormatException {
        List<MemoryMapping> mappings = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (!line.isBlank()) {
                mappings.add(parseLine(line, source, lineNo));
            }
        }
        return List.copyOf(mappings);
    }

    private static MemoryMapping parseLine(String line, String source, int lineNo) throws ProcFormatException {
        try {
            int pos = 0;
            String[] fields = new String[5];
            for (int i = 0; i < fields.length; i++) {
                while (pos < line.length() && line.charAt(pos) == ' ') {
                    pos++;
                }
                int endOfField = line.indexOf(' ', pos);
                if (endOfField < 0) {
                    endOfField = line.length();
                }
                fields[i] = line.substring(pos, endOfField);
                pos = endOfField;
            }
            String path = pos < line.length() ? line.substring(pos).strip() : "";
            int dash = fields[0].indexOf('-');
            if (dash <= 0 || fields[1].length() < 3) {
                throw new IllegalArgumentException("bad address range or permissions");
            }
            return new MemoryMapping(
                    Long.parseUnsignedLong(fields[0], 0, dash, 16),
                    Long.parseUnsignedLong(fields[0], dash + 1, fields[0].length(), 16),
                    fields[1],
                    Long.parseUnsignedLong(fields[2], 16),
                    fields[3],
                    Long.parseLong(fields[4]),
                    path);
        } catch (RuntimeException e) {
            throw new ProcFormatException("%s line %d is not a maps line (%s): %s"
                    .formatted(source, lineNo, e.getMessage(), line));
        }
    }
}
