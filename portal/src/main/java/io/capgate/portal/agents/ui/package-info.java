/** The Agents page: enrollment tokens and the enrolled agents of the caller's projects. */
package io.capgate.portal.agents.ui;
