package io.capgate.portal.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real Chromium (Debian's {@code chromium} + {@code chromium-driver}) driven by Selenium, with
 * helpers that wait for Vaadin's web components. Each instance is one user's browser profile.
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final String baseUrl;
  private final WebDriverWait wait;

  Browser(String baseUrl) throws IOException {
    this.baseUrl = baseUrl;
    var options = new ChromeOptions();
    options.setBinary(System.getProperty("capgate.chromium", "/usr/bin/chromium"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--window-size=1400,1000",
        "--user-data-dir=" + Files.createTempDirectory("capgate-chromium"));
    var service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(System.getProperty("capgate.chromedriver", "/usr/bin/chromedriver")).toFile())
        .build();
    this.driver = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** Opens a path of the portal and waits until Vaadin has rendered the view. */
  void open(String path) {
    driver.get(baseUrl + "/" + path);
    waitForVaadin();
  }

  void login(String username, String password) {
    open("login");
    var form = wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("vaadin-login-form")));
    // The login form's inputs are light-DOM children named username/password.
    form.findElement(By.cssSelector("input[name='username']")).sendKeys(username);
    form.findElement(By.cssSelector("input[name='password']")).sendKeys(password);
    form.findElement(By.cssSelector("vaadin-button[slot='submit'], button[type='submit']")).click();
    // After login the URL is /?continue: wait for the layout, not for a URL.
    // (or for the change-password page, where a first login is sent).
    wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")),
        ExpectedConditions.presenceOfElementLocated(By.id("current-password"))));
    waitForVaadin();
  }

  WebElement byId(String id) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /** Types into a Vaadin text field (its inner input). */
  void type(String id, String text) {
    var field = byId(id);
    var input = field.findElements(By.cssSelector("input, textarea"));
    var target = input.isEmpty() ? field : input.get(0);
    target.clear();
    target.sendKeys(text);
    // Vaadin sends the value on change; blur commits it.
    ((JavascriptExecutor) driver).executeScript("arguments[0].blur()", target);
    waitForVaadin();
  }

  void click(String id) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    waitForVaadin();
  }

  String text(String id) {
    return byId(id).getText();
  }

  /** Waits until the page text contains the snippet. */
  void waitForText(String snippet) {
    wait.until(d -> d.findElement(By.tagName("body")).getText().contains(snippet));
  }

  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  boolean present(String id) {
    waitForVaadin();
    return !driver.findElements(By.id(id)).isEmpty();
  }

  /** Saves a PNG of the page under target/screenshots, for the build's artifacts. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    var file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /** Waits until Vaadin has no server round trip in flight. */
  void waitForVaadin() {
    wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("""
        if (document.readyState !== 'complete') return false;
        const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
        if (!clients) return true;
        return Object.values(clients).every(c => !c.isActive || !c.isActive());""")));
  }

  WebDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
