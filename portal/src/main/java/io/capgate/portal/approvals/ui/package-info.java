/** The review queue, and the review part of a manifest version's page (request, decisions, comments). */
package io.capgate.portal.approvals.ui;
