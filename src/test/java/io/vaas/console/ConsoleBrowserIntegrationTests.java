package io.vaas.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import io.vaas.support.Api;
import io.vaas.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static io.vaas.support.Api.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real browser, as a new operator uses it: Debian's {@code chromium},
 * headless, driven by {@code chromium-driver} given by path (nothing is downloaded). It
 * opens Swagger UI, authorizes with the token typed into a masked field, runs the
 * walk-through's six steps through "Try it out" with the pre-filled examples, reloads to
 * prove the authorization persists (set on here, as the embedded default has it), and
 * checks that the browser console has no errors and no secret value (plain or base64) is
 * on the page outside the secret write's own request (its body and curl command). It has
 * a database of its own (ConsoleWalkThroughIntegrationTests uses the same names).
 * Skipped, saying why, only where no browser is installed ({@code .ci/run} installs one).
 * Screenshots go to {@code target/console-screenshots}, and with
 * {@code -Dvaas.docs.write=true} to {@code docs/images}.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = { "vaas.console.persist-authorization=true", "vaas.test.own-database=true" })
class ConsoleBrowserIntegrationTests {

	static final Path CHROMIUM = Path.of(System.getProperty("vaas.chromium", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getProperty("vaas.chromedriver", "/usr/bin/chromedriver"));

	static final String SECRET = "correct-horse-battery-staple";

	@LocalServerPort
	int port;

	ChromeDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openBrowser() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
				"no browser here: the console's browser test needs Debian's chromium and chromium-driver (" + CHROMIUM
						+ ", " + DRIVER + "); .ci/run installs them");
		var options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100",
					"--disable-gpu", "--no-first-run", "--disable-extensions");
		var logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		wait = new WebDriverWait(browser, Duration.ofSeconds(60));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void anOperatorWalksThroughTheConsoleWithThePrefilledExamples() throws Exception {
		browser.get("http://localhost:" + port + "/swagger-ui/index.html");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".information-container .title"),
				"vaas operator API"));
		assertThat(browser.getTitle()).isEqualTo("vaas console");
		screenshot("console-start");

		authorize();
		// The start page's first step links its operation, which opens.
		click(By.linkText("Create the namespace shop"));
		wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#operations-Namespaces-createNamespace.is-open")));
		step("Namespaces", "createNamespace", "201", "200");
		// An operation's own summary still folds it (only description links are taken
		// over).
		click(By.cssSelector("#operations-Namespaces-createNamespace .opblock-summary-control"));
		wait.until(ExpectedConditions
			.numberOfElementsToBe(By.cssSelector("#operations-Namespaces-createNamespace.is-open"), 0));
		// A link to a tag with a space (%20 in the link) opens its operation too.
		click(By.cssSelector(".renderedMarkdown a[href='#/Operator%20tokens/createToken']"));
		wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#operations-Operator_tokens-createToken.is-open")));
		assertThat(browser.getWindowHandles()).as("the link opened no other tab").hasSize(1);
		step("Configs", "writeConfig", "201", "200");
		step("Secrets", "writeSecret", "201", "200");
		step("Bundles", "saveBundle", "201", "200");
		var preview = step("Bundles", "previewBundle", "200");
		assertThat(preview).as("the preview redacts the secret file").contains("\"redacted\": true");
		screenshot("console-preview");
		step("Seeds", "createSeed", "201");
		screenshot("console-seed");

		var page = pageTextOutsideTheSecretRequest();
		assertThat(page).as("no secret value on the page").doesNotContain(SECRET);
		for (var encoded : base64Forms(SECRET)) {
			assertThat(page).as("no secret value on the page, also base64-encoded").doesNotContain(encoded);
		}
		assertThat(browser.getCurrentUrl()).doesNotContain(ADMIN_TOKEN);
		assertThat(browser.getPageSource()).as("the token is masked, also in the curl commands")
			.doesNotContain(ADMIN_TOKEN)
			.contains("Authorization: Bearer ••••••");

		// Reloaded, the page still holds the authorization: a read succeeds at once.
		browser.navigate().refresh();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".information-container .title"),
				"vaas operator API"));
		step("Agents", "getFleet", "200");
		screenshot("console-fleet");

		var errors = browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(entry -> entry.getMessage())
			.toList();
		assertThat(errors).as("errors in the browser console").isEmpty();
	}

	private void authorize() throws Exception {
		click(By.cssSelector(".scheme-container button.authorize"));
		var field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".auth-container input")));
		wait.until(driver -> "password".equals(field.getDomAttribute("type"))
				|| "password".equals(field.getDomProperty("type")));
		field.sendKeys(ADMIN_TOKEN);
		screenshot("console-authorize");
		click(By.cssSelector(".auth-container button[type=submit]"));
		click(By.cssSelector(".auth-btn-wrapper button.btn-done"));
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".auth-container")));
	}

	/**
	 * Opens an operation, "Try it out", "Execute", waits for one of the statuses and
	 * returns the response body shown.
	 */
	private String step(String tag, String operationId, String... statuses) {
		var block = By.id("operations-" + tag + "-" + operationId);
		var opened = browser.findElements(By.cssSelector("#operations-" + tag + "-" + operationId + ".is-open"));
		if (opened.isEmpty()) {
			click(By.cssSelector("#operations-" + tag + "-" + operationId + " .opblock-summary-control"));
		}
		var operation = wait.until(ExpectedConditions.visibilityOfElementLocated(block));
		// Every operation has the button ("Try it out", or "Cancel" once tried).
		var tryOut = wait.until(driver -> operation.findElement(By.cssSelector("button.try-out__btn")));
		if (tryOut.getText().contains("Try it out")) {
			scrollAndClick(tryOut);
		}
		scrollAndClick(wait.until(driver -> operation.findElement(By.cssSelector("button.execute"))));
		var status = wait.until(driver -> {
			var cells = operation.findElements(By.cssSelector(".live-responses-table tbody .response-col_status"));
			return cells.isEmpty() || cells.get(0).getText().isBlank() ? null : cells.get(0).getText().strip();
		});
		assertThat(List.of(statuses))
			.as(operationId + " answered " + status + ": "
					+ operation.findElement(By.cssSelector(".live-responses-table")).getText())
			.contains(status);
		return operation.findElement(By.cssSelector(".live-responses-table tbody .response-col_description")).getText();
	}

	/**
	 * What any base64 encoding of a text holding the value contains, at each of the three
	 * byte alignments: the groups that hold nothing but the value's bytes.
	 */
	static List<String> base64Forms(String value) {
		var forms = new java.util.ArrayList<String>();
		for (var offset = 0; offset < 3; offset++) {
			var encoded = java.util.Base64.getEncoder()
				.withoutPadding()
				.encodeToString(("xx".substring(0, offset) + value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			forms.add(encoded.substring(offset == 0 ? 0 : 4, encoded.length() - 4));
		}
		return forms;
	}

	private void click(By locator) {
		scrollAndClick(wait.until(ExpectedConditions.elementToBeClickable(locator)));
	}

	/** Scrolls to the element and clicks it, again while Swagger UI's layout moves. */
	private void scrollAndClick(WebElement element) {
		new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(ElementClickInterceptedException.class)
			.until(driver -> {
				((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
				if (ExpectedConditions.elementToBeClickable(element).apply(driver) == null) {
					return null;
				}
				element.click();
				return true;
			});
	}

	/**
	 * The page's text without the secret write's own request: its body (where the example
	 * is) and the curl command that sent it.
	 */
	private String pageTextOutsideTheSecretRequest() {
		return (String) ((JavascriptExecutor) browser).executeScript("""
				const copy = document.body.cloneNode(true);
				copy.querySelectorAll('#operations-Secrets-writeSecret .opblock-section-request-body, \
				#operations-Secrets-writeSecret .body-param, #operations-Secrets-writeSecret textarea, \
				#operations-Secrets-writeSecret .curl-command')
				  .forEach((e) => e.remove());
				const values = [...document.querySelectorAll('textarea, input')]
				  .filter((e) => !e.closest('#operations-Secrets-writeSecret'))
				  .map((e) => e.value).join('\\n');
				return copy.innerText + '\\n' + copy.textContent + '\\n' + values;""");
	}

	private void screenshot(String name) throws Exception {
		var png = browser.getScreenshotAs(OutputType.BYTES);
		var dir = Files.createDirectories(Path.of("target/console-screenshots"));
		Files.write(dir.resolve(name + ".png"), png);
		if (Boolean.getBoolean("vaas.docs.write")) {
			Files.write(Files.createDirectories(Path.of("docs/images")).resolve(name + ".png"), png);
		}
	}

}
