/** The services parts of other pages (a project's services) and the service form. */
package io.capgate.portal.services.ui;
