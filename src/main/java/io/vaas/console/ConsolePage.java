package io.vaas.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webmvc.ui.SwaggerIndexPageTransformer;
import org.springdoc.webmvc.ui.SwaggerIndexTransformer;
import org.springdoc.webmvc.ui.SwaggerWelcomeCommon;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * Swagger UI's start script with two additions: the token field of "Authorize" is a
 * password field, so a token is not shown while it is typed or pasted, and the curl
 * command shown for each call masks it (so a screenshot of the page shares no token); and
 * a link in a description ({@code #/Tag/operationId}, as the start page's walk-through
 * uses) opens its operation.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.swagger-ui.enabled", matchIfMissing = true)
class ConsolePage {

	static final String SCRIPT = """

			// vaas: the token is typed into a password field, and the curl command shown for
			// a call masks it (its copy button still copies the command as sent).
			const vaasMask = () => {
			  document.querySelectorAll(".auth-container input[type=text]").forEach((input) => {
			    input.type = "password";
			    input.autocomplete = "off";
			  });
			  document.querySelectorAll(".curl-command").forEach((block) => {
			    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
			    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			      const masked = node.nodeValue.replace(/(Authorization: Bearer )[^'"\\s]+/g, "$1••••••");
			      if (masked !== node.nodeValue) {
			        node.nodeValue = masked;
			      }
			    }
			  });
			};
			new MutationObserver(vaasMask).observe(document.documentElement,
			  { childList: true, subtree: true, characterData: true });
			// vaas: links in descriptions (#/Tag/operationId) open their operation in this tab
			// (Swagger UI gives every Markdown link target=_blank); a tag's space is %20 in a link
			// and a space in Swagger UI's state. A click with a modifier key or another button
			// keeps the browser's meaning (a new tab, a new window).
			const vaasOpen = (hash) => {
			  if (window.ui && window.ui.layoutActions && window.ui.layoutActions.parseDeepLinkHash) {
			    let decoded = hash;
			    try {
			      decoded = decodeURIComponent(hash);
			    } catch (ignored) {
			      // a malformed escape: the hash as it is
			    }
			    window.ui.layoutActions.parseDeepLinkHash(decoded);
			  }
			};
			document.addEventListener("click", (event) => {
			  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
			    return;
			  }
			  const link = event.target.closest ? event.target.closest('.renderedMarkdown a[href^="#/"]') : null;
			  if (link) {
			    event.preventDefault();
			    window.history.pushState(null, "", link.getAttribute("href"));
			    vaasOpen(link.getAttribute("href"));
			  }
			}, true);
			window.addEventListener("popstate", () => vaasOpen(window.location.hash));
			""";

	@Bean
	SwaggerIndexTransformer consoleIndexTransformer(SwaggerUiConfigProperties config, SwaggerUiOAuthProperties oauth,
			SwaggerWelcomeCommon welcome, ObjectMapperProvider mappers) {
		return new SwaggerIndexPageTransformer(config, oauth, welcome, mappers) {
			@Override
			public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain)
					throws IOException {
				var transformed = super.transform(request, resource, chain);
				if (!(transformed instanceof TransformedResource)) {
					return transformed;
				}
				var text = new String(transformed.getContentAsByteArray(), StandardCharsets.UTF_8) + SCRIPT;
				return new TransformedResource(resource, text.getBytes(StandardCharsets.UTF_8));
			}
		};
	}

}
