package io.capgate.portal.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name, for the server certificate and enrollment tokens. */
final class LocalHost {

  private LocalHost() {
  }

  /** The host name, or {@code localhost} when the system cannot say. */
  static String name() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
