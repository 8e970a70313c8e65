package io.vaas.logins.web;

import io.vaas.logins.LoginFailed;
import io.vaas.shared.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A login the operator's database would not make: 502, naming the entry and the answer.
 */
@RestControllerAdvice
class LoginProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> failed(LoginFailed ex) {
		return Problems.response(HttpStatus.BAD_GATEWAY, "database-login-failed", "Database login not made",
				ex.getMessage());
	}

}
