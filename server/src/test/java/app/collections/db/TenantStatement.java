package app.collections.db;

import java.util.Map;
import java.util.Set;

/**
 * One statement as JDBI would run it, for {@link TenantPredicateChecker}: its text with JDBI's
 * {@code :name} parameters and {@code <attribute>} templates, the text each attribute stands for,
 * and the names bound from a {@code Tenant} (only a comparison with one of those is a tenant filter).
 *
 * @param name what problems are reported under (a DAO method's signature, or a test's label)
 */
record TenantStatement(String name, String sql, Map<String, String> attributes, Set<String> tenantParameters) {
  /** The usual case: no template attributes, the tenant bound as {@code :tenant}. */
  static TenantStatement of(String name, String sql) {
    return new TenantStatement(name, sql, Map.of(), Set.of("tenant"));
  }
}
