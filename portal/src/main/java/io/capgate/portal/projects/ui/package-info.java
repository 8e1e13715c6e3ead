/** The projects list, a project's page and the project form. */
package io.capgate.portal.projects.ui;
