package io.capgate.portal.base.ui;

import com.vaadin.flow.component.Component;

/**
 * A section that one feature adds to another feature's page, so that dependencies between features
 * stay one-way: the page (say the project page of {@code projects.ui}) asks Spring for every
 * {@code PageSection<Project>} bean and shows what they create, without knowing that
 * {@code services.ui} made one. Beans are ordered with {@link org.springframework.core.annotation.Order}.
 *
 * @param <T> what the page is about: the project, the manifest version, ...
 */
public interface PageSection<T> {

  /** A fresh component for one page view about {@code subject}; called on the UI thread of that view. */
  Component create(T subject);
}
