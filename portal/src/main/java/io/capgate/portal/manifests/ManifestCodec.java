package io.capgate.portal.manifests;

import io.capgate.model.manifest.CanonicalJsonReader;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestException;
import io.capgate.model.manifest.ManifestHash;
import io.capgate.model.manifest.ManifestParser;
import io.capgate.model.manifest.ManifestProblem;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.manifest.ModulePolicy;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns manifest text into what a version stores, with shared-model's parser, writer and hash (the
 * code the CLI runs), so the portal and the CLI agree on what is valid and on every hash.
 */
final class ManifestCodec {

  /** The label problems carry as their source. */
  static final String SOURCE = "manifest";

  private static final ManifestParser PARSER = new ManifestParser();
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private ManifestCodec() {}

  /**
   * A parsed, validated manifest and its stored forms.
   *
   * @param hash the 64 hex digits of the canonical form's SHA-256, as the database keeps them
   */
  record Parsed(Manifest manifest, String canonicalJson, String hash, int moduleCount) {}

  /** Parses and validates; every problem is reported with its line and column. */
  static Parsed parse(String text) {
    Manifest manifest;
    try {
      manifest = PARSER.parse(text == null ? "" : text, SOURCE);
    } catch (ManifestException e) {
      throw new ManifestValidationException(e.problems());
    }
    return new Parsed(manifest, ManifestWriter.toJson(manifest), bareHash(ManifestHash.of(manifest)),
        manifest.modules().size());
  }

  /**
   * What is wrong with the text; empty when it is a valid manifest. Only parses: the editor asks on every
   * pause in typing, and the canonical form and hash that {@link #parse} also computes are not needed here.
   */
  static List<ManifestProblem> problems(String text) {
    try {
      PARSER.parse(text == null ? "" : text, SOURCE);
      return List.of();
    } catch (ManifestException e) {
      return e.problems();
    }
  }

  /**
   * Reads a stored canonical form back. It was parsed and validated when stored and never changes, so
   * it is read as plain JSON (a 500-module manifest in milliseconds, not the YAML parser's hundreds);
   * a failure is a bug or a damaged row.
   */
  static Manifest fromCanonical(String canonicalJson, long versionId) {
    try {
      return CanonicalJsonReader.read(canonicalJson);
    } catch (RuntimeException e) {
      throw new IllegalStateException("The stored manifest of version " + versionId + " no longer reads", e);
    }
  }

  /** The hash as shown to people and tools: {@code sha256:} and 64 hex digits, like the CLI prints it. */
  static String displayHash(String bareHash) {
    return ManifestHash.PREFIX + bareHash.strip();
  }

  /** The 64 hex digits of a hash given with or without its {@code sha256:} prefix. */
  static String bareHash(String hash) {
    String bare = hash == null ? "" : hash.strip();
    if (bare.startsWith(ManifestHash.PREFIX)) {
      bare = bare.substring(ManifestHash.PREFIX.length());
    }
    if (!HEX.matcher(bare).matches()) {
      throw new IllegalArgumentException("A manifest hash is 'sha256:' and 64 lower-case hex digits");
    }
    return bare;
  }

  /** A manifest with the same header that allows nothing: the old side when no version is active. */
  static Manifest nothingLike(Manifest manifest) {
    return new Manifest(manifest.apiVersion(), manifest.service(), manifest.arch(), manifest.python(),
        ModulePolicy.EMPTY, new java.util.TreeMap<>(Map.of()));
  }
}
