package app.collections.local.ocr;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The user interface around a screenshot's content: the phone's status bar, and the tabs, buttons,
 * counters and labels of social and messaging apps (Instagram, TikTok, Facebook, X, YouTube,
 * Threads, Pinterest, Reddit, Xiaohongshu...). Generic app vocabulary, not the words of any
 * particular image: OCR reads this text as well as the post, and it says nothing about the post.
 */
final class AppChrome {
  private AppChrome() {}

  /** Words that are UI labels when they make up most of a line (lower case; single words). */
  static final Set<String> WORDS = Set.of(
      // navigation tabs
      "home", "explore", "following", "follow", "followers", "friends", "foryou", "for", "you", "shop", "inbox",
      "profile", "reels", "reel", "search", "discover", "live", "stories", "story", "feed", "notifications",
      "messages", "message", "trending", "nearby", "subscriptions", "subscribe", "subscribed", "shorts", "library",
      "create", "upload", "menu", "back", "next", "done", "cancel", "close", "settings", "more", "less", "all",
      "posts", "post", "tagged", "videos", "video", "photos", "photo", "mentions", "activity", "threads",
      // buttons and counters
      "like", "likes", "liked", "reply", "replies", "share", "shares", "shared", "comment", "comments", "save",
      "saved", "send", "repost", "reposts", "retweet", "retweets", "quote", "quotes", "views", "view", "viewed",
      "favorites", "favourite", "collect", "collections", "add", "edit", "report", "hide", "mute", "block",
      "sponsored", "suggested", "promoted", "ad", "ads", "translation", "translate", "see", "original", "audio",
      "sound", "sounds", "music", "remix", "duet", "stitch", "template", "effects", "filters", "capcut",
      "watch", "again", "learn", "book", "now", "open", "app", "install", "visit", "website", "link", "bio",
      "ago", "edited", "pinned", "verified", "author", "creator", "top", "newest", "latest",
      "yesterday", "today", "just", "min", "mins", "hr", "hrs", "sec");

  /** A counter or a relative time: "12.3K", "1,204", "2h", "3d", "5 min", "4w". */
  private static final Pattern COUNT = Pattern.compile("(?i)[+\\-]?\\d[\\d.,]*[kmbhdwys]?|\\d+(min|hr|mo)s?");
  /** The phone's clock in its status bar ("9:41", "12:07"). */
  static final Pattern CLOCK = Pattern.compile("^\\d{1,2}:\\d{2}\\b");

  /**
   * The share of a phone screenshot's height taken by the status bar at the top: about 47 of 844
   * points on current iPhones, 24 of 640 dp on Android phones.
   */
  static final double STATUS_BAR_SHARE = 0.045;

  static boolean isChromeWord(String word) {
    String w = word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}.,+\\-]", "");
    if (w.isEmpty()) {
      return true;
    }
    return WORDS.contains(w.replaceAll("[.,]", "")) || COUNT.matcher(w).matches();
  }
}
