/* The search dialog: Pagefind's UI in a native <dialog>, opened from the header.
 *
 * Pagefind's files are served by the site itself (pagefind/, built by hooks/search.py)
 * and loaded only when the dialog is first opened. Pagefind picks the index of the
 * page's language from <html lang>, so a Japanese page searches Japanese pages only.
 * Keyboard: the header button (or "/") opens the dialog with the focus in the search
 * field; Tab moves through the results; Escape or the Close button closes it and the
 * focus returns to the button.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("site-search");
  var opener = document.querySelector(".site-search__open");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;

  var bundle = dialog.getAttribute("data-bundle");
  var ranking = JSON.parse(dialog.getAttribute("data-ranking") || "{}");
  var loading = null;
  var ui = null;

  // Load Pagefind's UI script and stylesheet once, from the site itself.
  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = bundle + "pagefind-ui.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = bundle + "pagefind-ui.js";
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(function () {
      ui = new window.PagefindUI({
        element: "#site-search-ui",
        bundlePath: bundle,
        showImages: false,
        showSubResults: false,
        resetStyles: false,
        excerptLength: 24,
        debounceTimeoutMs: 200,
        ranking: ranking
      });
      return ui;
    });
    return loading;
  }

  function field() {
    return dialog.querySelector("input.pagefind-ui__search-input");
  }

  function focusField() {
    var input = field();
    if (input) {
      input.focus();
      return;
    }
    // Pagefind's UI renders its form on the next frames.
    var tries = 0;
    var timer = window.setInterval(function () {
      var input = field();
      tries += 1;
      if (input || tries > 50) {
        window.clearInterval(timer);
        if (input) {
          input.setAttribute("aria-label", dialog.querySelector(".site-search__title").textContent);
          input.focus();
        }
      }
    }, 20);
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    load().then(focusField, function () {
      dialog.querySelector(".site-search__ui").textContent = "Search could not be loaded.";
    });
  }

  opener.hidden = false;
  opener.addEventListener("click", open);
  dialog.querySelector(".site-search__close").addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("close", function () {
    opener.focus();
  });
  // A click on the backdrop (outside the dialog's box) closes it.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
  // "/" opens the search, as Material's own search did, unless the reader is typing.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    event.preventDefault();
    open();
  });
})();
