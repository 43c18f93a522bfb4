package app.collections.chat;

import static app.collections.graphql.RequestContext.tenant;

import app.collections.auth.Tenant;
import app.collections.graphql.ApiException;
import app.collections.graphql.Connection;
import app.collections.graphql.GlobalId;
import app.collections.graphql.GraphqlFeature;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/** {@code sendChatMessage}, {@code chatSessions}, {@code chatSession} and {@code deleteChatSession}. */
public final class ChatDataFetchers implements GraphqlFeature {
  public static final String TYPE = "ChatSession";
  private static final int MAX_FIRST = 50;

  private final ChatService chat;

  public ChatDataFetchers(ChatService chat) {
    this.chat = chat;
  }

  /** The GraphQL shape of a page of sessions. */
  public record ChatSessionConnection(List<Connection.Edge<ChatSession>> edges, Connection.PageInfo pageInfo) {}

  @Override
  public void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> t
        .dataFetcher("chatSessions", this::sessions)
        .dataFetcher("chatSession", env -> find(tenant(env), GlobalId.decode(env.getArgument("id"), TYPE))));
    wiring.type("Mutation", t -> t
        .dataFetcher("sendChatMessage", this::send)
        .dataFetcher("deleteChatSession", this::delete));
    wiring.type(TYPE, t -> t
        .dataFetcher("id", env -> GlobalId.encode(TYPE, UUID.fromString(env.<ChatSession>getSource().id())))
        .dataFetcher("createdAt", env -> time(env.<ChatSession>getSource().createdAt()))
        .dataFetcher("lastActiveAt", env -> time(env.<ChatSession>getSource().lastActiveAt()))
        .dataFetcher("messages", env -> env.<ChatSession, List<ChatLine>>getDataLoader(MESSAGES_LOADER)
            .load(env.<ChatSession>getSource())));
  }

  /** ChatSession.messages of a page of sessions is one DynamoDB read, not one per session. */
  static final String MESSAGES_LOADER = "chatMessagesBySession";

  @Override
  public void registerLoaders(Tenant tenant, org.dataloader.DataLoaderRegistry registry) {
    registry.register(MESSAGES_LOADER, org.dataloader.DataLoaderFactory.newMappedDataLoader(
        (java.util.Set<ChatSession> sessions) -> {
          Map<String, List<ChatLine>> byId = chat.messages(tenant, sessions);
          Map<ChatSession, List<ChatLine>> bySession = new java.util.HashMap<>();
          sessions.forEach(s -> bySession.put(s, byId.getOrDefault(s.id(), List.of())));
          return java.util.concurrent.CompletableFuture.completedFuture(bySession);
        }));
  }

  @Override
  public Map<String, BiFunction<Tenant, UUID, Object>> nodeLookups() {
    return Map.of(TYPE, this::find);
  }

  private ChatSession find(Tenant tenant, UUID id) {
    return chat.find(tenant, id.toString()).orElse(null);
  }

  private ChatReply send(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    String sessionId = (String) input.get("sessionId");
    return chat.send(tenant(env), sessionId == null ? null : GlobalId.decode(sessionId, TYPE).toString(),
        (String) input.get("message"));
  }

  private ChatSessionConnection sessions(DataFetchingEnvironment env) {
    Tenant tenant = tenant(env);
    Integer first = env.getArgument("first");
    int size = first == null ? 20 : first;
    if (size < 1 || size > MAX_FIRST) {
      throw ApiException.badInput("first must be between 1 and " + MAX_FIRST);
    }
    Page<ChatSession> page;
    try {
      page = chat.list(tenant, size, env.getArgument("after"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badInput("after is not a cursor of chatSessions");
    }
    List<Connection.Edge<ChatSession>> edges = page.items().stream()
        .map(s -> new Connection.Edge<>(chat.cursorOf(tenant, s), s)).toList();
    return new ChatSessionConnection(edges, new Connection.PageInfo(page.nextCursor() != null,
        env.getArgument("after") != null, edges.isEmpty() ? null : edges.getFirst().cursor(),
        edges.isEmpty() ? null : edges.getLast().cursor()));
  }

  private Map<String, Object> delete(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    String globalId = (String) input.get("id");
    if (!chat.delete(tenant(env), GlobalId.decode(globalId, TYPE).toString())) {
      throw ApiException.notFound("No chat session with id " + globalId);
    }
    return Map.of("deletedSessionId", globalId);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
