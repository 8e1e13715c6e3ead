package io.capgate.portal.security;

import java.security.SecureRandom;

/**
 * Passwords the portal makes up: the first admin's and those an admin hands out when creating a
 * user or resetting a password. Each is shown once and must be changed at the next sign-in.
 */
final class OneTimePasswords {

  /** No 0/O, 1/l/I: the password is read off a screen and typed in by hand. */
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  /** 20 characters of 57 give about 116 bits. */
  static final int LENGTH = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private OneTimePasswords() {}

  static String generate() {
    var password = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
