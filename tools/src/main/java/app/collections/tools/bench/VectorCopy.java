package app.collections.tools.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.copy.CopyManager;

/**
 * A chunk's vectors in COPY's binary format: each float goes in as its four bytes (pgvector's
 * {@code vector_recv}) instead of being printed and parsed back as text. COPY was the load's
 * largest step with text vectors (20 of 40 s for 15k items, 30k vectors, on a busy machine).
 */
final class VectorCopy {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  private static final String SQL =
      "COPY embeddings (user_id, item_id, model, part, dimension, embedding) FROM STDIN (FORMAT binary)";

  private final int dimension;
  private final ByteArrayOutputStream bytes;
  private final DataOutputStream out;
  private int rows;

  VectorCopy(int expectedRows, int dimension) {
    this.dimension = dimension;
    this.bytes = new ByteArrayOutputStream(expectedRows * (dimension * 4 + 120) + 32);
    this.out = new DataOutputStream(bytes);
    try {
      out.write(SIGNATURE);
      out.writeInt(0);  // flags
      out.writeInt(0);  // header extension length
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void add(String tenant, UUID item, String model, int part, float[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("a vector of " + vector.length + " dimensions, not " + dimension);
    }
    try {
      out.writeShort(6);
      text(tenant);
      out.writeInt(16);
      out.writeLong(item.getMostSignificantBits());
      out.writeLong(item.getLeastSignificantBits());
      text(model);
      out.writeInt(2);
      out.writeShort(part);                 // smallint
      out.writeInt(4);
      out.writeInt(dimension);              // integer
      out.writeInt(4 + 4 * dimension);      // vector: int16 dim, int16 unused, float4 x dim
      out.writeShort(dimension);
      out.writeShort(0);
      for (float x : vector) {
        out.writeFloat(x);
      }
      rows++;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void text(String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  void copy(CopyManager copy) {
    if (rows == 0) {
      return;
    }
    try {
      out.writeShort(-1);  // trailer
      copy.copyIn(SQL, new ByteArrayInputStream(bytes.toByteArray()));
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(SQL, e);
    }
  }
}
