package io.capgate.portal.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * The frame around every signed-in view: navigation on the side, the user and sign-out on top.
 * Links are paths, not view classes, so this shared layout depends on no feature.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

  public MainLayout(AuthenticationContext authentication) {
    var title = new Span("Capgate");
    title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
    var user = new Span(authentication.getPrincipalName().orElse(""));
    user.setId("signed-in-user");
    var signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
    signOut.addThemeVariants(ButtonVariant.TERTIARY);
    signOut.setId("sign-out");
    var header = new HorizontalLayout(new DrawerToggle(), title, user, signOut);
    header.setWidthFull();
    header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    header.expand(title);
    header.getStyle().set("padding-right", "var(--lumo-space-m)");
    addToNavbar(header);
    addToDrawer(navigation());
    setPrimarySection(Section.DRAWER);
  }

  private static SideNav navigation() {
    var nav = new SideNav();
    nav.addItem(new SideNavItem("Projects", "projects", VaadinIcon.FOLDER.create()));
    nav.addItem(new SideNavItem("Review queue", "reviews", VaadinIcon.CHECK_SQUARE_O.create()));
    nav.addItem(new SideNavItem("Violations", "violations", VaadinIcon.WARNING.create()));
    nav.addItem(new SideNavItem("Audit log", "audit", VaadinIcon.LIST.create()));
    nav.addItem(new SideNavItem("Users and roles", "users", VaadinIcon.USERS.create()));
    nav.addItem(new SideNavItem("Agents", "agents", VaadinIcon.SERVER.create()));
    nav.addItem(new SideNavItem("API tokens", "tokens", VaadinIcon.KEY.create()));
    nav.addItem(new SideNavItem("Change password", "change-password", VaadinIcon.LOCK.create()));
    return nav;
  }
}
