package app.collections.ratelimit;

/** What one request takes besides its request token: its searches and its model calls. */
public record Charge(int searches, int modelCalls) {
  public static final Charge NONE = new Charge(0, 0);

  public Charge plus(Charge other) {
    return new Charge(searches + other.searches, modelCalls + other.modelCalls);
  }
}
