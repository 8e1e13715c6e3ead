/**
 * What every feature shares: the portal's data folder and embedded PostgreSQL, the clock, and the
 * exceptions that map to HTTP statuses. Views shared by features (the main layout) live in {@code base.ui}.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.capgate.portal.base;
