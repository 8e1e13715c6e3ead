package io.capgate.portal.ingest;

import io.capgate.model.protocol.StackFrame;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows for one PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)} on the transaction's connection: the
 * fastest way to write many rows. The rows go out in chunks of {@value #CHUNK_BYTES} bytes while the next ones are
 * being written, so PostgreSQL stores rows while this thread encodes more (one COPY per table at a time: a
 * connection runs one COPY at once), and the buffer stays small whatever the transaction's size. Binary rather than
 * CSV because PostgreSQL then neither parses numbers nor timestamps (measured: a third less server time per row on
 * the observations table, and no quoting or {@code Instant.toString()} on the portal's side). Each value must be written with the
 * method for its column's exact type ({@code bigint}, {@code int}, {@code text}, {@code timestamptz},
 * {@code jsonb}, and one-dimensional arrays of {@code text}, {@code bigint}, {@code timestamptz} and
 * {@code jsonb}); the columns given to the constructor say which.
 */
final class CopyRows {

  /** "PGCOPY\n\377\r\n\0", then 32-bit flags and header extension length, both 0. */
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
      0, 0, 0, 0};
  /** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
  private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;
  private static final byte JSONB_VERSION = 1;
  // Element type oids (pg_type), which an array value names and PostgreSQL checks against the column's.
  private static final int INT8_OID = 20;
  private static final int TEXT_OID = 25;
  private static final int TIMESTAMPTZ_OID = 1184;
  private static final int JSONB_OID = 3802;
  static final int CHUNK_BYTES = 64 * 1024;

  private final DataSource dataSource;
  private final String table;
  private final String columns;
  private final short columnCount;
  private final StackJson stacks = new StackJson();
  private byte[] buffer = new byte[CHUNK_BYTES + 1024];
  private int length;
  private int rows;
  private Connection connection;
  private CopyIn copy;

  /** A COPY into {@code table} on {@code dataSource}'s connection of the current transaction. */
  CopyRows(DataSource dataSource, String table, String columns) {
    this.dataSource = dataSource;
    this.table = table;
    this.columns = columns;
    this.columnCount = (short) columns.split(",").length;
    write(HEADER, 0, HEADER.length);
  }

  /** Starts a row; then one value per column, in the constructor's order. */
  CopyRows row() {
    if (length >= CHUNK_BYTES) {
      send();
    }
    ensure(2);
    putShort(columnCount);
    rows++;
    return this;
  }

  CopyRows int8(long value) {
    ensure(12);
    putInt(8);
    putLong(value);
    return this;
  }

  CopyRows int4(int value) {
    ensure(8);
    putInt(4);
    putInt(value);
    return this;
  }

  /** A {@code timestamptz} from epoch milliseconds. */
  CopyRows time(long epochMillis) {
    return int8((epochMillis - POSTGRES_EPOCH_MILLIS) * 1000);
  }

  /** A {@code text} value, or NULL. */
  CopyRows text(String value) {
    if (value == null) {
      ensure(4);
      putInt(-1);
      return this;
    }
    byte[] bytes = withoutNul(value).getBytes(StandardCharsets.UTF_8);
    ensure(4 + bytes.length);
    putInt(bytes.length);
    write(bytes, 0, bytes.length);
    return this;
  }

  /** A {@code jsonb} stack ({@link StackJson}). */
  CopyRows stack(List<StackFrame> frames) {
    byte[] bytes = stacks.bytes(frames);
    ensure(5 + bytes.length);
    putInt(bytes.length + 1);
    buffer[length++] = JSONB_VERSION;
    write(bytes, 0, bytes.length);
    return this;
  }

  /** A one-dimensional {@code text[]}; null elements stay NULL. */
  CopyRows textArray(List<String> values) {
    int start = arrayStart(values.size(), values.contains(null), TEXT_OID);
    for (String value : values) {
      text(value);
    }
    return arrayEnd(start);
  }

  /** A one-dimensional {@code bigint[]}. */
  CopyRows int8Array(long[] values) {
    int start = arrayStart(values.length, false, INT8_OID);
    for (long value : values) {
      int8(value);
    }
    return arrayEnd(start);
  }

  /** A one-dimensional {@code timestamptz[]} from epoch milliseconds. */
  CopyRows timeArray(long[] epochMillis) {
    int start = arrayStart(epochMillis.length, false, TIMESTAMPTZ_OID);
    for (long millis : epochMillis) {
      time(millis);
    }
    return arrayEnd(start);
  }

  /** A one-dimensional {@code jsonb[]} of stacks ({@link #stack}); an empty stack is a NULL element. */
  CopyRows stackArray(List<List<StackFrame>> stacks) {
    int start = arrayStart(stacks.size(), stacks.stream().anyMatch(List::isEmpty), JSONB_OID);
    for (var frames : stacks) {
      if (frames.isEmpty()) {
        ensure(4);
        putInt(-1);
      } else {
        stack(frames);
      }
    }
    return arrayEnd(start);
  }

  /**
   * Array layout (PostgreSQL's array_send): i32 byte length of what follows (patched by {@link #arrayEnd}), i32
   * dimensions (1), i32 has-nulls flag, u32 element type oid, i32 element count, i32 lower bound (1), then each
   * element as a value of its type (i32 length, -1 for NULL, and its bytes).
   */
  private int arrayStart(int count, boolean hasNulls, int elementOid) {
    ensure(24);
    int start = length;
    putInt(0);
    putInt(1);
    putInt(hasNulls ? 1 : 0);
    putInt(elementOid);
    putInt(count);
    putInt(1);
    return start;
  }

  private CopyRows arrayEnd(int start) {
    int bytes = length - start - 4;
    buffer[start] = (byte) (bytes >>> 24);
    buffer[start + 1] = (byte) (bytes >>> 16);
    buffer[start + 2] = (byte) (bytes >>> 8);
    buffer[start + 3] = (byte) bytes;
    return this;
  }

  int rows() {
    return rows;
  }

  /** Ends the COPY in the current transaction: the rows not yet sent go now; nothing when there are none. */
  void finish() {
    if (rows == 0) {
      return;
    }
    ensure(2);
    putShort((short) -1); // trailer
    send();
    try {
      copy.endCopy();
    } catch (SQLException e) {
      throw failed(e);
    } finally {
      release();
    }
  }

  /** Sends the buffer, starting the COPY first if needed. */
  private void send() {
    try {
      if (copy == null) {
        connection = DataSourceUtils.getConnection(dataSource);
        copy = connection.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("copy " + table + " (" + columns + ") from stdin (format binary)");
      }
      copy.writeToCopy(buffer, 0, length);
      length = 0;
    } catch (SQLException e) {
      IllegalStateException failure = failed(e);
      release();
      throw failure;
    }
  }

  private IllegalStateException failed(SQLException e) {
    cancel(copy);
    return new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
  }

  private void release() {
    if (connection != null) {
      DataSourceUtils.releaseConnection(connection, dataSource);
      connection = null;
    }
  }

  private static void cancel(CopyIn copy) {
    try {
      if (copy != null && copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException ignored) {
      // the transaction is rolled back anyway
    }
  }

  /** PostgreSQL text cannot hold NUL; a process can put one in a path or detail. */
  private static String withoutNul(String value) {
    return value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
  }

  private void ensure(int bytes) {
    if (length + bytes > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
    }
  }

  private void write(byte[] bytes, int offset, int count) {
    ensure(count);
    System.arraycopy(bytes, offset, buffer, length, count);
    length += count;
  }

  private void putShort(short value) {
    buffer[length++] = (byte) (value >>> 8);
    buffer[length++] = (byte) value;
  }

  private void putInt(int value) {
    buffer[length++] = (byte) (value >>> 24);
    buffer[length++] = (byte) (value >>> 16);
    buffer[length++] = (byte) (value >>> 8);
    buffer[length++] = (byte) value;
  }

  private void putLong(long value) {
    putInt((int) (value >>> 32));
    putInt((int) value);
  }
}
