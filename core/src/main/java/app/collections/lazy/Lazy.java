package app.collections.lazy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * A client behind its interface, built on its first call instead of at start-up. The Lambda's cold
 * start built the S3 and DynamoDB clients, the Voyage embedding models and the chat model in init
 * although most requests use none of them: the AWS SDK alone was 1,127 of the 11,206 classes loaded
 * before the first answer (docs/benchmarks.md, "Lambda cold start"). A failure to build surfaces at
 * the first call, as the call's own exception. Not building is free: {@code close()} on a client
 * never built does nothing, and {@code toString}, {@code equals} and {@code hashCode} never build.
 */
public final class Lazy {
  private Lazy() {}

  /**
   * {@code type}'s methods, each calling the one instance {@code build} makes on the first of them.
   * For interfaces with a handful of methods (a chat or embedding model, a web search engine): the
   * proxy class resolves every method's parameter and return types when it is made, so over the
   * AWS SDK's clients (a hundred operations each) it loaded 460 model classes, ~150 ms of a quiet
   * cold start (docs/benchmarks.md); those are held in a {@link #once} instead.
   */
  public static <T> T of(Class<T> type, Supplier<? extends T> build) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Handler<>(type, build)));
  }

  /** The one instance {@code build} makes, made at the first {@link Once#get()}. */
  public static <T> Once<T> once(Supplier<? extends T> build) {
    return new Once<>(build);
  }

  /** A value built at its first {@code get()}; concurrent first calls share one build. */
  public static final class Once<T> implements Supplier<T> {
    private final Supplier<? extends T> build;
    private volatile T value;

    private Once(Supplier<? extends T> build) {
      this.build = build;
    }

    @Override
    public T get() {
      T built = value;
      if (built == null) {
        synchronized (this) {
          built = value;
          if (built == null) {
            built = build.get();
            value = built;
          }
        }
      }
      return built;
    }

    /** Whether {@link #get()} has built it (closing what was never built is then skipped). */
    public boolean isBuilt() {
      return value != null;
    }

    @Override
    public String toString() {
      T built = value;
      return built == null ? "lazy (not built)" : built.toString();
    }
  }

  private static final class Handler<T> implements InvocationHandler {
    private final Class<T> type;
    private final Once<T> target;

    Handler(Class<T> type, Supplier<? extends T> build) {
      this.type = type;
      this.target = new Once<>(build);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "toString" -> {
          if (method.getParameterCount() == 0) {
            return target.isBuilt() ? target.get().toString() : "lazy " + type.getSimpleName() + " (not built)";
          }
        }
        case "hashCode" -> {
          if (method.getParameterCount() == 0) {
            return System.identityHashCode(proxy);
          }
        }
        case "equals" -> {
          if (method.getParameterCount() == 1) {
            return proxy == args[0];
          }
        }
        case "close" -> {
          if (method.getParameterCount() == 0 && !target.isBuilt()) {
            return null;
          }
        }
        default -> { }
      }
      try {
        return method.invoke(target.get(), args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
