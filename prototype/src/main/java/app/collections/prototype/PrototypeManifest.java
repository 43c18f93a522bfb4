package app.collections.prototype;

import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code exports/images_manifest.json} as the prototype's {@code scripts/export_db.py} writes it
 * (the same at every commit of its repository): an object
 * {@code {"exported_at", "images_path": "./data/images", "images": [{"filename", "size", "modified",
 * "sha256"}, ...]}} whose list is every file of {@code data/images}, so it also holds the
 * {@code .gitkeep} the repository keeps there, and images whose item was deleted (its
 * {@code delete_item} removes only the row). No version wrote a bare list; one is refused with
 * the shape expected, rather than read as a manifest that lists nothing.
 */
public record PrototypeManifest(String exportedAt, Map<String, Entry> entries) {
  public static final String PATH = "exports/images_manifest.json";
  static final String SHAPE = "an object {\"exported_at\", \"images_path\", \"images\": [{\"filename\", \"size\","
      + " \"modified\", \"sha256\"}, ...]} as the prototype's scripts/export_db.py writes it";
  /** Python's {@code hashlib.sha256().hexdigest()}: 64 lowercase hex digits. */
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  /** An entry of the list: {@code size} is -1 when the manifest has none. */
  public record Entry(String filename, long size, String sha256) {}

  /** No manifest in the folder: every image's checksum is computed here. */
  public static final PrototypeManifest NONE = new PrototypeManifest(null, Map.of());

  public Optional<Entry> entry(String filename) {
    return Optional.ofNullable(entries.get(filename));
  }

  public boolean present() {
    return exportedAt != null || !entries.isEmpty();
  }

  public Collection<Entry> all() {
    return entries.values();
  }

  /** Reads the manifest's bytes, or throws {@link PrototypeFormatException} naming what is wrong. */
  public static PrototypeManifest parse(byte[] bytes) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new PrototypeFormatException(PATH + " is not JSON (" + jsonError(e) + "): expected " + SHAPE, e);
    }
    if (root == null || !root.isObject() || !root.path("images").isArray()) {
      throw new PrototypeFormatException(PATH, SHAPE, describe(root));
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    int index = 0;
    for (JsonNode e : root.get("images")) {
      String where = "images[" + index++ + "]";
      String filename = e.path("filename").isTextual() ? e.get("filename").asText() : null;
      String sha256 = e.path("sha256").isTextual() ? e.get("sha256").asText() : null;
      if (filename == null || filename.isBlank() || sha256 == null || !SHA256.matcher(sha256).matches()) {
        throw new PrototypeFormatException(PATH, "every entry of \"images\" to have a \"filename\" and a 64-hex-digit"
            + " \"sha256\"", where + " = " + abbreviate(e.toString()));
      }
      long size = e.path("size").canConvertToLong() ? e.get("size").asLong() : -1;
      entries.put(filename, new Entry(filename, size, sha256.toLowerCase(java.util.Locale.ROOT)));
    }
    return new PrototypeManifest(root.path("exported_at").asText(""), Map.copyOf(entries));
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "an empty file";
    }
    if (node.isArray()) {
      return "a bare list of " + node.size() + " entries";
    }
    if (node.isObject()) {
      var keys = new java.util.ArrayList<String>();
      node.fieldNames().forEachRemaining(keys::add);
      return "an object with " + (keys.isEmpty() ? "no keys" : "the keys " + keys);
    }
    return "a " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  /** Jackson's own words, without the source excerpt it appends (the bytes of a whole file). */
  static String jsonError(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
