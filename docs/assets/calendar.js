/* This month, worked out in the reader's browser (the pages are built once, read any day):
 * - the home page keeps the campaigns running this month, or else the next ones to
 *   begin, and says which it shows;
 * - the awareness calendar marks this month's column and list entry.
 * Without JavaScript the home page lists every campaign and nothing is marked.
 */
(function () {
  "use strict";

  var month = new Date().getMonth() + 1;

  function monthsOf(element) {
    return (element.getAttribute("data-months") || "").split(" ").filter(Boolean).map(Number);
  }

  // Months from this one until a campaign next begins (0: it runs this month).
  function wait(months) {
    if (months.indexOf(month) >= 0) return 0;
    return Math.min.apply(null, months.map(function (m) {
      return (m - month + 12) % 12;
    }));
  }

  function homeCampaigns() {
    var status = document.querySelector(".home-campaigns__status");
    var items = Array.prototype.slice.call(document.querySelectorAll(".home-campaigns__list > li[data-months]"));
    if (!status || !items.length) return;
    var waits = items.map(function (item) {
      return wait(monthsOf(item));
    });
    var soonest = Math.min.apply(null, waits);
    items.forEach(function (item, i) {
      item.hidden = waits[i] !== soonest;
    });
    status.textContent = status.getAttribute(soonest === 0 ? "data-now" : "data-next");
    status.hidden = false;
  }

  function markCalendar() {
    var views = document.querySelector(".calendar-views");
    if (!views) return;
    var label = views.getAttribute("data-this-month") || "";
    Array.prototype.forEach.call(views.querySelectorAll('[data-month="' + month + '"]'), function (cell) {
      cell.classList.add("is-this-month");
    });
    // Said in words as well as colour, once in each view.
    Array.prototype.forEach.call(
      views.querySelectorAll('th[data-month="' + month + '"], li[data-month="' + month + '"] > .calendar-list__month'),
      function (heading) {
        var note = document.createElement("span");
        note.className = "calendar__this-month";
        note.textContent = label;
        heading.appendChild(note);
      }
    );
  }

  homeCampaigns();
  markCalendar();
})();
