package org.distriplace.app.browser;

import java.util.List;
import java.util.Map;

/**
 * What a person sees of the page's layout, measured in the browser: whether anything sticks out of the screen, is
 * cut off, has no size or sits under something else, and where an element is.
 */
final class PageLayout {

    /**
     * Every problem on the screen now, as text (empty when none): the page wider than the screen, and each visible
     * control (buttons, inputs, the status, the player, the cooldown, the message, open dialogs, the banners) that
     * has no size, lies partly off the screen, is cut off by a box that hides overflow, or is not what a finger
     * at its centre would touch. With a modal dialog open only the dialog's controls count (the rest is inert).
     */
    private static final String PROBLEMS = """
        const vw = window.innerWidth, vh = window.innerHeight, problems = [];
        const doc = document.documentElement;
        if (doc.scrollWidth > vw) problems.push(`the page is ${doc.scrollWidth} px wide in ${vw}`);
        if (document.body.scrollWidth > vw) problems.push(`the body is ${document.body.scrollWidth} px wide in ${vw}`);
        const dialog = document.querySelector('dialog[open]');
        const root = dialog ?? document;
        const selector = 'button, input, select, .status, .player, .cooldown, .message, .offline, .place-bar,'
          + ' .history-time, .palette';
        const controls = [...root.querySelectorAll(selector)];
        if (dialog) controls.push(dialog);
        const name = (e) => e.id ? '#' + e.id : e.className ? '.' + String(e.className).split(' ')[0]
          : e.dataset.color ?? e.tagName.toLowerCase();
        for (const e of controls) {
          if (!e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
          const r = e.getBoundingClientRect();
          if (r.width < 1 || r.height < 1) { problems.push(`${name(e)} has no size`); continue; }
          if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) {
            problems.push(`${name(e)} at ${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},`
              + `${Math.round(r.bottom)} is off the ${vw}x${vh} screen`);
            continue;
          }
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            const style = getComputedStyle(a);
            if (!['hidden', 'clip'].includes(style.overflowX) && !['hidden', 'clip'].includes(style.overflowY)) continue;
            const box = a.getBoundingClientRect();
            if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5
                || r.bottom > box.bottom + 0.5) problems.push(`${name(e)} is cut off by ${name(a)}`);
          }
          if (e.matches('button, input, select')) {
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            if (hit !== e && !e.contains(hit)) problems.push(`${name(e)} is under ${hit ? name(hit) : 'nothing'}`);
          }
        }
        return problems;
        """;

    private PageLayout() {
    }

    @SuppressWarnings("unchecked")
    static List<String> problems(Browser browser) {
        return (List<String>) browser.js(PROBLEMS);
    }

    /** The element's box on the screen: left, top, width, height (CSS pixels). */
    @SuppressWarnings("unchecked")
    static Map<String, Number> box(Browser browser, String css) {
        return (Map<String, Number>) browser.js("const b = document.querySelector(arguments[0])"
            + ".getBoundingClientRect(); return {left: b.left, top: b.top, width: b.width, height: b.height,"
            + " right: b.right, bottom: b.bottom};", css);
    }

    /** The viewport's width and height in CSS pixels. */
    @SuppressWarnings("unchecked")
    static List<Number> viewport(Browser browser) {
        return (List<Number>) browser.js("return [window.innerWidth, window.innerHeight]");
    }
}
