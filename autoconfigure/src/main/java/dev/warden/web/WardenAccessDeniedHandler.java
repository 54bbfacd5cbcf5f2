package dev.warden.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a valid token that may not call the endpoint: 403 {@code insufficient_scope}.
 */
public final class WardenAccessDeniedHandler implements AccessDeniedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		BearerErrorResponse.writeError(response, HttpStatus.FORBIDDEN, "insufficient_scope",
				"The access token does not grant access to this endpoint.", null);
	}

}
