package app.collections.contract;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Edits a copy of a schema's SDL through its syntax tree, for the tests that prove the guard. */
final class SdlEdit {
  private SdlEdit() {}

  static String withoutField(String sdl, String type, String field) {
    return editObject(sdl, type, fields -> fields.stream().filter(f -> !f.getName().equals(field)).toList());
  }

  static String withField(String sdl, String type, String field, String typeName) {
    return editObject(sdl, type, fields -> {
      List<FieldDefinition> more = new ArrayList<>(fields);
      more.add(FieldDefinition.newFieldDefinition().name(field).type(new TypeName(typeName)).build());
      return more;
    });
  }

  /** The field's type loses its outer non-null: clients that relied on a value may get null. */
  static String withNullableField(String sdl, String type, String field) {
    return editField(sdl, type, field, f -> {
      assertThat(f.getType()).isInstanceOf(NonNullType.class);
      return f.transform(b -> b.type(((NonNullType) f.getType()).getType()));
    });
  }

  static String withRequiredArgument(String sdl, String type, String field, String argument, String typeName) {
    return editField(sdl, type, field, f -> {
      List<InputValueDefinition> arguments = new ArrayList<>(f.getInputValueDefinitions());
      Type<?> required = NonNullType.newNonNullType(new TypeName(typeName)).build();
      arguments.add(InputValueDefinition.newInputValueDefinition().name(argument).type(required).build());
      return f.transform(b -> b.inputValueDefinitions(arguments));
    });
  }

  static String withoutEnumValue(String sdl, String enumName, String value) {
    return edit(sdl, d -> d instanceof EnumTypeDefinition e && e.getName().equals(enumName)
        ? e.transform(b -> b.enumValueDefinitions(e.getEnumValueDefinitions().stream()
            .filter(v -> !v.getName().equals(value)).toList()))
        : d);
  }

  private static String editField(String sdl, String type, String field, UnaryOperator<FieldDefinition> change) {
    return editObject(sdl, type, fields -> fields.stream().map(f -> f.getName().equals(field) ? change.apply(f) : f).toList());
  }

  private static String editObject(String sdl, String type, UnaryOperator<List<FieldDefinition>> change) {
    return edit(sdl, d -> d instanceof ObjectTypeDefinition o && o.getName().equals(type)
        ? o.transform(b -> b.fieldDefinitions(change.apply(o.getFieldDefinitions())))
        : d);
  }

  private static String edit(String sdl, UnaryOperator<Definition> change) {
    Document document = Parser.parse(sdl);
    List<Definition> definitions = document.getDefinitions().stream().map(d -> (Definition) change.apply(d)).toList();
    String edited = AstPrinter.printAst(document.transform(b -> b.definitions(definitions)));
    assertThat(edited).as("the edit changed nothing").isNotEqualTo(AstPrinter.printAst(document));
    return edited;
  }
}
