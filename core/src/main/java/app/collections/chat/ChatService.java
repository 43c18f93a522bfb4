package app.collections.chat;

import app.collections.tracing.RequestContexts;
import app.collections.agent.AgentStep;
import app.collections.agent.AgentTurn;
import app.collections.agent.ChatAgent;
import app.collections.auth.Tenant;
import app.collections.errors.DomainException;
import app.collections.items.Item;
import app.collections.items.ItemDao;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A chat turn end to end: read the conversation's latest checkpoint, add the user's message, run
 * the agent, and save a checkpoint after every step (the message, each tool round, the answer).
 * The steps are one write each; the answer's save also updates the conversation (title, activity,
 * message count) and prunes, once a turn. A tool round's write runs beside the model's next call,
 * which does not depend on it; the next write waits for it, so the checkpoints stay in order and a
 * conflict on it still ends the turn, one model call later.
 *
 * <p>One turn at a time per conversation. Two turns racing from the same checkpoint collide on the
 * next checkpoint's number: the loser reloads and tries once more, and if the other turn is still
 * running then (its newest checkpoint is not an answer and younger than the turn timeout) it
 * answers CONFLICT. Either way every accepted message is in the thread: nothing is overwritten.
 */
public final class ChatService {
  private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
  private static final int TITLE_LENGTH = 60;
  private static final Executor WRITES = RequestContexts.propagating(Executors.newVirtualThreadPerTaskExecutor());
  static final String PHASE = "phase";
  static final String MESSAGE = "message";
  static final String TOOLS = "tools";
  static final String ANSWER = "answer";
  /**
   * Failed turns this instance could not close (the chat table was down), remembered so the next
   * message need not wait out the turn timeout once the table is back; bounds the memory a long
   * outage over many sessions can take. An instance that forgets one only makes that session wait.
   */
  private static final int MAX_UNCLOSED_TURNS = 10_000;
  private final Set<String> unclosed = ConcurrentHashMap.newKeySet();

  private final CheckpointDao checkpoints;
  private final ChatAgent agent;
  private final ItemDao items;
  private final int maxMessageLength;
  private final int historyMessages;
  private final Duration turnTimeout;
  private final Clock clock;

  /** {@code agent} is null when no model is configured: conversations can be read, not continued. */
  public ChatService(CheckpointDao checkpoints, ChatAgent agent, ItemDao items, int maxMessageLength,
      int historyMessages, Duration turnTimeout, Clock clock) {
    this.checkpoints = checkpoints;
    this.agent = agent;
    this.items = items;
    this.maxMessageLength = maxMessageLength;
    this.historyMessages = historyMessages;
    this.turnTimeout = turnTimeout;
    this.clock = clock;
  }

  /** Sends a message, to a new conversation when {@code sessionId} is null. */
  public ChatReply send(Tenant tenant, String sessionId, String message) {
    if (agent == null) {
      throw DomainException.providerNotConfigured(
          "Chat needs an LLM: set an Anthropic or OpenAI API key (vision.anthropic or vision.openai)");
    }
    String text = message == null ? "" : message.strip();
    if (text.isEmpty() || text.length() > maxMessageLength) {
      throw DomainException.invalidInput("message must be 1 to " + maxMessageLength + " characters");
    }
    boolean fresh = sessionId == null;
    String id = fresh ? UUID.randomUUID().toString() : sessionId;
    Turn turn;
    try {
      turn = start(tenant, id, fresh, text);
    } catch (SdkException e) {
      throw unavailable(e, "your message was not saved; send it again shortly");
    }
    AgentTurn done;
    try {
      done = agent.run(tenant, ChatAgent.CHAT_PROMPT, agent.tools().all(), turn.messages,
          (messages, steps) -> turn.step(messages, steps, TOOLS));
    } catch (RuntimeException e) {
      turn.closeQuietly();
      throw storeDownOr(e);
    }
    List<Item> cited = cited(tenant, done.reply());
    ChatSession session;
    try {
      session = turn.finish(ThreadState.window(done.messages(), historyMessages),
          cited.stream().map(Item::id).toList(), done.steps());
    } catch (SdkException e) {
      turn.closeQuietly();
      throw storeDownOr(e);
    }
    return new ChatReply(session, done.reply(), cited, done.steps());
  }

  /** The chat table down mid-turn: the user's message is in it already, the answer is not. */
  private static RuntimeException storeDownOr(RuntimeException e) {
    return e instanceof SdkException || e instanceof CompletionException && e.getCause() instanceof SdkException
        ? unavailable(e, "your message was saved (chatSession shows it), the answer was not; send a message again shortly")
        : e;
  }

  private static DomainException unavailable(RuntimeException cause, String what) {
    LOG.warn("The chat table did not answer: {}", cause.toString());
    return DomainException.unavailable("The chat store is unavailable: " + what);
  }

  private static String turnKey(Tenant tenant, String sessionId, long checkpoint) {
    return tenant.id() + "#" + sessionId + "#" + checkpoint;
  }

  public Optional<ChatSession> find(Tenant tenant, String sessionId) {
    return checkpoints.findSession(tenant, sessionId);
  }

  public Page<ChatSession> list(Tenant tenant, int first, String after) {
    return checkpoints.listSessions(tenant, first, after);
  }

  public String cursorOf(Tenant tenant, ChatSession session) {
    return checkpoints.cursorOf(tenant, session);
  }

  /** The conversation's messages as the user sees them (the kept window), oldest first. */
  public List<ChatLine> messages(Tenant tenant, String sessionId) {
    return lines(checkpoints.latest(tenant, sessionId));
  }

  /** {@link #messages} of a page of listed sessions, read together (see CheckpointDao#latestOf). */
  public Map<String, List<ChatLine>> messages(Tenant tenant, java.util.Collection<ChatSession> sessions) {
    Map<String, List<ChatLine>> bySession = new java.util.HashMap<>();
    checkpoints.latestOf(tenant, sessions).forEach((id, latest) -> bySession.put(id, lines(latest)));
    return bySession;
  }

  private static List<ChatLine> lines(Optional<Checkpoint> latest) {
    return latest.map(c -> ThreadState.fromJson(c.state()).messages())
        .orElse(List.of()).stream()
        .<ChatLine>mapMulti((m, out) -> {
          if (m instanceof UserMessage user && user.hasSingleText()) {
            out.accept(new ChatLine(ChatLine.Role.USER, user.singleText()));
          } else if (m instanceof AiMessage ai && !ai.hasToolExecutionRequests() && ai.text() != null) {
            out.accept(new ChatLine(ChatLine.Role.ASSISTANT, ai.text()));
          }
        }).toList();
  }

  public boolean delete(Tenant tenant, String sessionId) {
    return checkpoints.deleteSession(tenant, sessionId);
  }

  /** Saves the user's message as the turn's first checkpoint, reloading once if another turn won. */
  private Turn start(Tenant tenant, String id, boolean fresh, String text) {
    for (int attempt = 1; ; attempt++) {
      Optional<Checkpoint> latest = checkpoints.latest(tenant, id);
      if (!fresh && latest.isEmpty()) {
        throw notFound();
      }
      if (latest.isPresent() && running(latest.get())
          && !unclosed.remove(turnKey(tenant, id, latest.get().number()))) {
        throw conflict();
      }
      ThreadState state = latest.map(c -> ThreadState.fromJson(c.state())).orElse(ThreadState.EMPTY);
      List<ChatMessage> messages = new ArrayList<>(state.closed());
      messages.add(UserMessage.from(text));
      Turn turn = new Turn(tenant, id, TurnRun.from(latest.map(Checkpoint::number).orElse(0L), clock),
          state.messageCount() + 1, latest.isEmpty() ? title(text) : null, messages);
      try {
        turn.step(messages, List.of(), MESSAGE);
        return turn;
      } catch (CheckpointConflictException e) {
        if (attempt == 2 || fresh) {
          throw conflict();
        }
        LOG.debug("Session {} moved on under us; reloading", id);
      }
    }
  }

  /** A turn whose newest checkpoint is not its answer, and which may still be running. */
  private boolean running(Checkpoint latest) {
    return !ANSWER.equals(latest.metadata().get(PHASE))
        && latest.createdAt().plus(turnTimeout).isAfter(clock.instant());
  }

  /** The items the reply mentions that are the viewer's: ids of anyone else's simply drop out. */
  private List<Item> cited(Tenant tenant, String reply) {
    List<UUID> mentioned = ChatAgent.mentionedIds(reply);
    if (mentioned.isEmpty()) {
      return List.of();
    }
    Map<UUID, Item> found = items.findAll(tenant, mentioned).stream()
        .collect(Collectors.toMap(Item::id, Function.identity()));
    return mentioned.stream().filter(found::containsKey).map(found::get).toList();
  }

  private static String title(String text) {
    String line = text.lines().findFirst().orElse(text).strip();
    return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1) + "…";
  }

  private static DomainException notFound() {
    return DomainException.notFound("No chat session with that id");
  }

  private static DomainException conflict() {
    return DomainException.conflict(
        "Another message to this chat session is being answered; send yours again when it is done");
  }

  /** One turn's writes: each checkpoint builds on the one before. */
  private final class Turn {
    final Tenant tenant;
    final String id;
    final TurnRun run;
    final int messageCount;
    final String title;
    final List<ChatMessage> messages;
    /** The newest checkpoint known to be written, and its thread. */
    long latest;
    List<ChatMessage> saved;
    /** A tool round's write still in flight, if any. */
    Pending pending;

    Turn(Tenant tenant, String id, TurnRun run, int messageCount, String title, List<ChatMessage> messages) {
      this.tenant = tenant;
      this.id = id;
      this.run = run;
      this.latest = run.base();
      this.messageCount = messageCount;
      this.title = title;
      this.messages = List.copyOf(messages);
    }

    /**
     * The message (written before the agent runs: a conflict there is the caller's to retry) or a
     * tool round (written beside the model's next call).
     */
    void step(List<ChatMessage> thread, List<AgentStep> steps, String phase) {
      confirm();
      long after = latest;
      if (MESSAGE.equals(phase)) {
        latest = checkpoints.append(tenant, id, run, after, state(thread, steps), Map.of(PHASE, phase));
        saved = thread;
        return;
      }
      pending = new Pending(CompletableFuture.supplyAsync(
          () -> checkpoints.append(tenant, id, run, after, state(thread, steps), Map.of(PHASE, phase)), WRITES), thread);
    }

    /** The answer, which counts as a message of the conversation once it is saved. */
    ChatSession finish(List<ChatMessage> thread, List<UUID> cited, List<AgentStep> steps) {
      confirm();
      int count = messageCount + 1;
      ChatSession session;
      try {
        session = checkpoints.save(tenant, id, run, latest, new ThreadState(thread, count, cited, steps).toJson(),
            Map.of(PHASE, ANSWER), title, count);
      } catch (CheckpointConflictException e) {
        throw conflict();
      }
      latest++;
      saved = thread;
      return session;
    }

    /** After a failed turn: its thread so far, closed, so the next message need not wait out the timeout. */
    void closeQuietly() {
      try {
        confirm();
      } catch (RuntimeException e) {
        LOG.debug("The last tool round of session {} was not saved", id, e);
      }
      try {
        List<ChatMessage> closed = new ArrayList<>(saved);
        closed.add(AiMessage.from(ThreadState.INTERRUPTED));
        finish(closed, List.of(), List.of());
      } catch (RuntimeException e) {
        LOG.warn("Could not close the failed turn of session {}: {}", id, e.toString());
        if (unclosed.size() < MAX_UNCLOSED_TURNS) {
          unclosed.add(turnKey(tenant, id, latest));
        }
      }
    }

    /** Waits for the tool round in flight: the next checkpoint builds on it. */
    private void confirm() {
      if (pending == null) {
        return;
      }
      Pending round = pending;
      pending = null;
      try {
        latest = round.write().join();
        saved = round.thread();
      } catch (CompletionException e) {
        if (e.getCause() instanceof CheckpointConflictException) {
          throw conflict();
        }
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }

    private String state(List<ChatMessage> thread, List<AgentStep> steps) {
      return new ThreadState(thread, messageCount, List.of(), steps).toJson();
    }
  }

  /** A tool round's checkpoint being written, and the thread it holds. */
  private record Pending(CompletableFuture<Long> write, List<ChatMessage> thread) {}
}
