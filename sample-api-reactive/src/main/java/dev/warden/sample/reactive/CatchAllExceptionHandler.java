package dev.warden.sample.reactive;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A catch-all handler of the kind many applications have: WebFlux's own exceptions keep their
 * status, everything else becomes a 500. Warden decides in the filter chain, before any controller
 * runs, so this handler never sees — and can never rewrite — a 401 or 403.
 */
@RestControllerAdvice
class CatchAllExceptionHandler {

	@ExceptionHandler(Exception.class)
	ResponseEntity<?> handle(Exception ex) {
		if (ex instanceof ErrorResponse response) {
			return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).build();
		}
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", "internal"));
	}

}
