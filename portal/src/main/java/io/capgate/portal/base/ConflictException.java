package io.capgate.portal.base;

/** The request is valid but clashes with the current state (a duplicate name, a decided request, ...). */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
