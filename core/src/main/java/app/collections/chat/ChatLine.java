package app.collections.chat;

/** A message of a conversation as the user sees it: theirs or the assistant's answer. */
public record ChatLine(Role role, String content) {
  public enum Role { USER, ASSISTANT }
}
