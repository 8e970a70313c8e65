package io.vaas.delivery.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.vaas.shared.PeerRequest;
import io.vaas.shared.Problems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.ControllerAdviceBean;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/**
 * Answers an exception raised outside the servlet chain (the agents' port) as the MVC
 * exception resolvers answer it on the chain: the first problem advice, in their order,
 * with an {@code @ExceptionHandler} for it (or for a cause) is called with the exception
 * and a {@link PeerRequest}, and its {@link ResponseEntity} or {@link ProblemDetail} is
 * the answer. A handler that needs more than those two (the servlet request or response)
 * is passed over.
 */
final class AdviceProblems {

	private static final Logger log = LoggerFactory.getLogger(AdviceProblems.class);

	private final List<Advice> advices = new ArrayList<>();

	AdviceProblems(ApplicationContext context) {
		for (var advice : ControllerAdviceBean.findAnnotatedBeans(context)) {
			var type = advice.getBeanType();
			if (type != null) {
				advices.add(new Advice(advice, new ExceptionHandlerMethodResolver(type)));
			}
		}
	}

	/**
	 * The answer to {@code ex}: never {@code null}, a bare 500 when no advice can tell.
	 */
	ResponseEntity<?> answer(Exception ex, PeerRequest request) {
		for (var advice : advices) {
			var method = advice.resolver().resolveMethod(ex);
			if (method == null) {
				continue;
			}
			var arguments = arguments(method, ex, request);
			if (arguments == null) {
				continue;
			}
			try {
				method.setAccessible(true);
				var answer = method.invoke(advice.bean().resolveBean(), arguments);
				if (answer instanceof ResponseEntity<?> entity) {
					return entity;
				}
				if (answer instanceof ProblemDetail problem) {
					return ResponseEntity.status(problem.getStatus()).body(problem);
				}
			}
			catch (IllegalAccessException | InvocationTargetException | RuntimeException failure) {
				log.error("event=problem_advice_failed advice={} exception={}", advice.bean().getBeanType(),
						ex.getClass().getName(), failure);
				break;
			}
		}
		return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The server failed to handle this request");
	}

	/**
	 * The exception (or the cause the handler names) and the request, in the order the
	 * handler takes them; {@code null} when it takes anything else.
	 */
	private static Object @Nullable [] arguments(Method method, Exception ex, PeerRequest request) {
		var types = method.getParameterTypes();
		var arguments = new Object[types.length];
		for (int i = 0; i < types.length; i++) {
			if (WebRequest.class.isAssignableFrom(types[i]) && types[i].isInstance(request)) {
				arguments[i] = request;
				continue;
			}
			var thrown = matching(ex, types[i]);
			if (thrown == null) {
				return null;
			}
			arguments[i] = thrown;
		}
		return arguments;
	}

	private static @Nullable Throwable matching(Throwable ex, Class<?> type) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return t;
			}
		}
		return null;
	}

	private record Advice(ControllerAdviceBean bean, ExceptionHandlerMethodResolver resolver) {
	}

}
