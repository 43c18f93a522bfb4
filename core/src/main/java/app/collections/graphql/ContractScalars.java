package app.collections.graphql;

import graphql.language.ScalarTypeDefinition;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.TypeDefinitionRegistry;

/**
 * A wired scalar would otherwise serve its library's description ("A slightly refined version of
 * RFC-3339 compliant DateTime Scalar") over the contract's; clients and the schema-contract test
 * read the contract's.
 */
final class ContractScalars {
  private ContractScalars() {}

  static GraphQLScalarType described(GraphQLScalarType scalar, TypeDefinitionRegistry contract) {
    return contract.getType(scalar.getName(), ScalarTypeDefinition.class)
        .filter(d -> d.getDescription() != null)
        .map(d -> scalar.transform(b -> b.description(d.getDescription().getContent())))
        .orElse(scalar);
  }
}
