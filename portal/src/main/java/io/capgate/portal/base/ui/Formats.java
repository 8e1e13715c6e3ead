package io.capgate.portal.base.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How views show times, ages and hashes, the same everywhere. */
public final class Formats {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Formats() {}

  /** {@code 2026-11-22 10:15 UTC}, or "" for null (a step that has not happened). */
  public static String dateTime(Instant at) {
    return at == null ? "" : DATE_TIME.format(at);
  }

  /** How long ago, coarse: {@code 40 s}, {@code 12 min}, {@code 5 h}, {@code 3 d}. */
  public static String age(Instant since, Clock clock) {
    var age = Duration.between(since, clock.instant());
    if (age.isNegative() || age.toSeconds() < 60) {
      return Math.max(0, age.toSeconds()) + " s";
    }
    if (age.toMinutes() < 60) {
      return age.toMinutes() + " min";
    }
    if (age.toHours() < 48) {
      return age.toHours() + " h";
    }
    return age.toDays() + " d";
  }

  /** The first 12 hex digits of a hash: enough to tell versions apart at a glance. */
  public static String shortHash(String hash) {
    if (hash == null) {
      return "";
    }
    String hex = hash.startsWith("sha256:") ? hash.substring("sha256:".length()) : hash;
    return hex.length() <= 12 ? hex : hex.substring(0, 12);
  }
}
