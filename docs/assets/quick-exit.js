/* Quick exit, as GOV.UK's "Exit this page" works: the button (a plain link without
   JavaScript) and the Shift key pressed three times within a few seconds both hide the
   page at once and replace it, in the browser's history too, with the neutral page that
   data/site.yaml names, so that Back does not return to this site. */
(function () {
  "use strict";
  var button = document.querySelector(".quick-exit__button");
  if (!button) return;
  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var presses = 0;
  var timer = null;

  // Leave: blank the page first (the neutral site may be slow), then replace the entry.
  function exit() {
    document.documentElement.classList.add("quick-exit--leaving");
    window.location.replace(button.href);
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    exit();
  });

  document.addEventListener("keyup", function (event) {
    // Any other key in between starts the count again: typing capitals is not an exit.
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= PRESSES) {
      presses = 0;
      exit();
      return;
    }
    timer = window.setTimeout(function () {
      presses = 0;
    }, WINDOW_MS);
  });

  // A page restored from the back-forward cache shows again (no reload) if ever reached.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.documentElement.classList.remove("quick-exit--leaving");
  });
})();
