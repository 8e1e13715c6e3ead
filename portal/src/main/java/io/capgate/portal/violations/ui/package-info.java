/**
 * The live violations page ({@code /violations}, and {@code /services/<id>/violations} for one service): a lazily
 * paged grid with filters that a {@link io.capgate.portal.violations.ViolationFeed} subscription refreshes by push.
 */
package io.capgate.portal.violations.ui;
