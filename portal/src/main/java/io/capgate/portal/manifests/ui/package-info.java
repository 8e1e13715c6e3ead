/**
 * The manifest pages: a service with its version history, one version with its modules, the YAML
 * editor that validates as you type, and the side-by-side diff. Decisions on a version are shown
 * by the approvals feature through {@link io.capgate.portal.base.ui.PageSection}, so this package
 * does not depend on it.
 */
package io.capgate.portal.manifests.ui;
