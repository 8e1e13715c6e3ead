package io.capgate.portal.base;

/**
 * The thing asked for does not exist for the caller. Also thrown when it exists in another
 * organization, so that ids and hashes of other tenants cannot be probed.
 */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String what) {
    super(what + " not found");
  }
}
