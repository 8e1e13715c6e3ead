/** The trace review page of a service ({@code /services/<id>/traces}), built on {@link io.capgate.portal.traces.TraceReview}. */
package io.capgate.portal.traces.ui;
