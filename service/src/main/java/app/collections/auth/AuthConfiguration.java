package app.collections.auth;

/** How bearer tokens are verified. Filled in by the auth work. */
public class AuthConfiguration {
}
