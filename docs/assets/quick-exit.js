/* Quick exit, as GOV.UK's "Exit this page" works: the button (a plain link without
   JavaScript) and the Shift key pressed three times in a row, each press within five
   seconds of the last, both hide the page at once and replace it, in the browser's
   history too, with the neutral page that data/site.yaml names, so that Back does not
   return to this site. Screen readers hear how many presses are left. */
(function () {
  "use strict";
  var button = document.querySelector(".quick-exit__button");
  var status = document.querySelector(".quick-exit__status");
  if (!button || !status) return;
  var PRESSES = 3;
  var WAIT_MS = 5000;
  var presses = 0;
  var timer = null;
  // Shift used as a modifier (Shift+A) ends with a Shift keyup of its own: not a press.
  var lastKeyWasModified = false;

  function say(text) {
    status.textContent = text || "";
  }

  // Leave: blank the page first (the neutral site may be slow), then replace the entry.
  function exit() {
    window.clearTimeout(timer);
    presses = 0;
    say("");
    document.documentElement.classList.add("quick-exit--leaving");
    window.location.replace(button.href);
  }

  function expire() {
    window.clearTimeout(timer);
    timer = null;
    if (presses > 0) say(status.getAttribute("data-expired"));
    presses = 0;
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    exit();
  });

  document.addEventListener("keyup", function (event) {
    var modified = lastKeyWasModified;
    lastKeyWasModified = event.shiftKey;
    // Any other key in between starts the count again: typing capitals is not an exit.
    if (event.key !== "Shift" || modified) {
      if (presses > 0) expire();
      return;
    }
    presses += 1;
    if (presses >= PRESSES) {
      exit();
      return;
    }
    say(status.getAttribute(presses === 1 ? "data-two-more" : "data-one-more"));
    window.clearTimeout(timer);
    timer = window.setTimeout(expire, WAIT_MS);
  }, true);

  // A page restored from the back-forward cache is shown again as it was, not blank.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("quick-exit--leaving");
    presses = 0;
    say("");
  });
})();
