package io.capgate.portal.base.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page shell: Lumo and its utility classes, loaded as plain stylesheets from the Lumo jar, so
 * the ready-made frontend bundle still serves (no npm build). Views style themselves with Lumo
 * variables and utility classes only.
 *
 * <p>{@link Push} (automatic, WebSocket with long-polling fallback) lets server-side events reach open views
 * without a reload: the live violations page is updated from the ingestion path this way.
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
public class PortalAppShell implements AppShellConfigurator {}
