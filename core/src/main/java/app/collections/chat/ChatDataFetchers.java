package app.collections.chat;

import static app.collections.graphql.RequestContext.tenant;

import app.collections.auth.Tenant;
import app.collections.graphql.ApiException;
import app.collections.paging.Connection;
import app.collections.paging.GlobalId;
import app.collections.graphql.GraphqlFeature;
import app.collections.paging.PageRequest;
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
  private static final int DEFAULT_FIRST = 20;

  private final ChatService chat;
  private final int maxPageSize;

  /** {@code maxPageSize} bounds chatSessions' {@code first} (GraphqlLimits' maxRankedPageSize). */
  public ChatDataFetchers(ChatService chat, int maxPageSize) {
    this.chat = chat;
    this.maxPageSize = maxPageSize;
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
    PageRequest request = PageRequest.forwardOnly(env, DEFAULT_FIRST, maxPageSize);
    Page<ChatSession> page = chat.list(tenant, request.size(), request.cursor());
    List<Connection.Edge<ChatSession>> edges = Connection.edges(page.items(), s -> chat.cursorOf(tenant, s));
    return new ChatSessionConnection(edges,
        Connection.PageInfo.of(edges, page.nextCursor() != null, request.cursor() != null));
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
