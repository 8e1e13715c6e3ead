/** The audit log view: a lazy grid with filters and the chain verification button. */
package io.capgate.portal.audit.ui;
