package io.capgate.portal.base.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page shell: Lumo and its utility classes, loaded as plain stylesheets from the Lumo jar, so
 * the ready-made frontend bundle still serves (no npm build). Views style themselves with Lumo
 * variables and utility classes only.
 */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
public class PortalAppShell implements AppShellConfigurator {}
