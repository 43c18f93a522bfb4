package app.collections.db;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a DAO statement's JDBI text into the SQL PostgreSQL receives, as far as a parser needs it:
 * comments gone (PostgreSQL ignores them, so a filter written in one filters nothing), each
 * {@code <attribute>} replaced by its text, CONCURRENTLY left out, pgvector's operators spelt as
 * one the parser knows, and JDBI's dotted parameters ({@code :f.category}, bound by
 * {@code @BindMethods}) renamed to names a SQL parser accepts ({@code :f__category}). Plain
 * {@code :name} parameters stay as they are: the parser keeps their names, so a {@code :tenant}
 * can still be told from any other.
 */
final class JdbiSqlText {
  /** JDBI's defined-attribute template syntax: {@code <name>} (not {@code <>}, {@code <=>} or {@code <#>}). */
  private static final Pattern ATTRIBUTE = Pattern.compile("<(\\w+)>");
  /** A JDBI parameter with a dotted name; {@code ::type} casts are not parameters. */
  private static final Pattern DOTTED_PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*(?:\\.\\w+)+)");
  private static final String DOT_REPLACEMENT = "__";
  /**
   * CREATE/DROP INDEX CONCURRENTLY, which JSqlParser does not read: the word changes how the index
   * is locked while built or dropped, not what the statement names, so it is left out.
   */
  private static final Pattern CONCURRENTLY = Pattern.compile("(?i)\\bCONCURRENTLY\\b");
  /**
   * pgvector's distance operators (cosine, inner product, L2, L1, Hamming, Jaccard). JSqlParser
   * reads {@code <=>} and {@code <#>} only at a comparison's precedence, so {@code a <=> b < 0.5}
   * does not parse; PostgreSQL binds them tighter than any comparison, as it binds {@code -}, which
   * stands in for them. What they compute is no part of tenancy, and {@code user_id <=> :tenant}
   * becomes no filter.
   */
  private static final Pattern VECTOR_DISTANCE = Pattern.compile("<[=#\\-+~%]>");

  private JdbiSqlText() {}

  /**
   * The statement ready to parse. An attribute's text is put in as it stands, unparenthesised, as
   * JDBI does: a fragment with a top-level OR changes what the statement's ANDs govern, and the
   * checker must see that. Throws {@link IllegalArgumentException} for an attribute without a text.
   */
  static String render(String sql, Map<String, String> attributes) {
    String withAttributes = mapCode(stripComments(sql), code -> {
      Matcher m = ATTRIBUTE.matcher(code);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String text = attributes.get(m.group(1));
        if (text == null) {
          throw new IllegalArgumentException("no text for the template attribute <" + m.group(1) + ">");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(text));
      }
      return m.appendTail(out).toString();
    });
    // The attributes' texts have comments of their own (item-filter.sql does).
    return mapCode(stripComments(withAttributes), JdbiSqlText::normaliseCode).strip();
  }

  private static String normaliseCode(String code) {
    String renamed = DOTTED_PARAMETER.matcher(code)
        .replaceAll(m -> ":" + Matcher.quoteReplacement(m.group(1).replace(".", DOT_REPLACEMENT)));
    String distances = VECTOR_DISTANCE.matcher(renamed).replaceAll(" - ");
    // One line: the parser takes a blank line for the end of a statement.
    return CONCURRENTLY.matcher(distances).replaceAll("").replaceAll("\\s+", " ");
  }

  /** Without {@code --} and (nested, as PostgreSQL allows) block comments; string literals kept whole. */
  static String stripComments(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = endOfQuoted(sql, i);
        out.append(sql, i, end);
        i = end;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end;
        out.append(' ');
      } else if (sql.startsWith("/*", i)) {
        i = endOfBlockComment(sql, i);
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Applies {@code code} to the text between quoted literals and identifiers, which stay as they are. */
  private static String mapCode(String sql, UnaryOperator<String> code) {
    StringBuilder out = new StringBuilder(sql.length());
    int start = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        out.append(code.apply(sql.substring(start, i)));
        int end = endOfQuoted(sql, i);
        out.append(sql, i, end);
        start = i = end;
      } else {
        i++;
      }
    }
    return out.append(code.apply(sql.substring(start))).toString();
  }

  /** The index after the literal or quoted identifier opening at {@code start}; a doubled quote escapes it. */
  private static int endOfQuoted(String sql, int start) {
    char quote = sql.charAt(start);
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("unterminated " + quote + " at " + start);
  }

  private static int endOfBlockComment(String sql, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated /* comment at " + start);
  }
}
