package app.collections.search;

import java.util.ArrayList;
import java.util.List;

/** An item's indexed text as the embedding model reads it: its whole body and its gist. */
public record DocumentText(String body, String gist) {

  /** What to embed, in part order: the body (part 0), then the gist (part 1) unless it adds nothing. */
  public List<String> passages() {
    List<String> passages = new ArrayList<>(List.of(body));
    if (gist != null && !gist.isBlank() && !gist.equals(body)) {
      passages.add(gist);
    }
    return List.copyOf(passages);
  }
}
