package dev.warden.sample;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * A catch-all handler of the kind many applications have: Spring MVC's own exceptions keep their
 * status, everything else becomes a 500. Warden decides in the filter chain, before any controller
 * runs, so this handler never sees — and can never rewrite — a 401 or 403.
 */
@RestControllerAdvice
class CatchAllExceptionHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, String>> handle(Exception ex) {
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", "internal"));
	}

}
