package org.distriplace.app.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.distriplace.core.testing.Await;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/** A headless Debian Chromium driven by Selenium, on a page of a node. */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    Browser(Path profile) {
        this(profile, null);
    }

    /** A browser showing pages on {@code screen} (null: a 1000x700 window, as the older tests expect). */
    Browser(Path profile, Screen screen) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        String window = screen == null ? "1000,700" : screen.width() + "," + screen.height();
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic", "--window-size=" + window, "--user-data-dir=" + profile);
        if (screen != null && screen.touch()) {
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics", java.util.Map.of(
                "width", screen.width(), "height", screen.height(), "pixelRatio", screen.pixelRatio(),
                "touch", true, "mobile", true)));
        }
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
            downloads(profile).toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
            .build();
        driver = new ChromeDriver(service, options);
    }

    /** Where this browser saves downloads: {@code downloads} beside its profile. */
    static Path downloads(Path profile) {
        return profile.resolveSibling(profile.getFileName() + "-downloads");
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    void open(String url) throws InterruptedException {
        driver.get(url);
        await("the canvas to load", () -> Boolean.TRUE.equals(js("return window.distriPlace && window.distriPlace.ready")));
    }

    Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    String colorAt(int x, int y) {
        return (String) js("return window.distriPlace.colorAt(arguments[0], arguments[1])", x, y);
    }

    /** Selects a colour and clicks the pixel (x, y) on the canvas like a person would. */
    void paint(int x, int y, String color) {
        driver.findElement(By.cssSelector(".swatch[data-color='" + color + "']")).click();
        clickPixel(x, y);
    }

    /** Clicks the pixel (x, y) on the canvas like a person would. */
    void clickPixel(int x, int y) {
        WebElement canvas = driver.findElement(By.id("canvas"));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Number> point = (java.util.Map<String, Number>) js(
            "const p = window.distriPlace.screenPointOf(arguments[0], arguments[1]);"
                + "const b = document.getElementById('canvas').getBoundingClientRect();"
                + "return {x: p.x - (b.left + b.width / 2), y: p.y - (b.top + b.height / 2)};", x, y);
        new Actions(driver).moveToElement(canvas, point.get("x").intValue(), point.get("y").intValue()).click()
            .perform();
    }

    /** A DevTools protocol command (Input.dispatchTouchEvent and the like), answered once Chromium has run it. */
    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    /** The centre of the element {@code id} in CSS pixels of the viewport: {x, y}. */
    double[] centreOf(String css) {
        @SuppressWarnings("unchecked")
        List<Number> centre = (List<Number>) js("const b = document.querySelector(arguments[0])"
            + ".getBoundingClientRect(); return [b.left + b.width / 2, b.top + b.height / 2];", css);
        return new double[] {centre.get(0).doubleValue(), centre.get(1).doubleValue()};
    }

    /** Where the centre of canvas pixel (x, y) is on the screen, in CSS pixels of the viewport: {x, y}. */
    double[] pointOf(int x, int y) {
        @SuppressWarnings("unchecked")
        Map<String, Number> point = (Map<String, Number>) js(
            "return window.distriPlace.screenPointOf(arguments[0], arguments[1])", x, y);
        return new double[] {point.get("x").doubleValue(), point.get("y").doubleValue()};
    }

    void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    /** Replaces the text of the input {@code id} as a person would type it. */
    void type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    boolean shown(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    boolean offlineBannerShown() {
        return driver.findElement(By.id("offline")).isDisplayed();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Await.until(what, Duration.ofSeconds(45), condition);
    }

    void screenshot(Path file) throws java.io.IOException {
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    List<String> consoleErrors() {
        return driver.manage().logs().get("browser").getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
            .map(Object::toString).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
