/* The measures finder: filters the server-rendered list of every measure by plan,
 * pillar, ministry and awareness month, combined, using the list items' data
 * attributes. The choice is kept in the address (?plan=&pillar=&ministry=&month=) so
 * that a link restores it. Without JavaScript the form stays hidden and the page lists
 * every measure. No library.
 */
(function () {
  "use strict";

  var form = document.getElementById("finder");
  var count = document.getElementById("finder-count");
  if (!form || !count) return;

  var FIELDS = ["plan", "pillar", "ministry", "month"];
  var items = Array.prototype.slice.call(document.querySelectorAll(".finder-list > li"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".finder-group"));
  var total = Number(count.getAttribute("data-total")) || items.length;
  var template = count.getAttribute("data-template") || "{n} / {total}";

  function select(name) {
    return form.elements[name];
  }

  function state() {
    var s = {};
    FIELDS.forEach(function (name) {
      s[name] = select(name).value;
    });
    return s;
  }

  function words(item, attribute) {
    return (item.getAttribute(attribute) || "").split(" ").filter(Boolean);
  }

  function matches(item, s) {
    return (
      (!s.plan || item.getAttribute("data-plan") === s.plan) &&
      (!s.pillar || item.getAttribute("data-pillar") === s.pillar) &&
      (!s.ministry || words(item, "data-ministries").indexOf(s.ministry) >= 0) &&
      (!s.month || words(item, "data-months").indexOf(s.month) >= 0)
    );
  }

  // Offer only the pillars of the chosen plan.
  function limitPillars(plan) {
    var pillar = select("pillar");
    Array.prototype.forEach.call(pillar.querySelectorAll("optgroup"), function (group) {
      var other = plan && group.getAttribute("data-plan") !== plan;
      group.hidden = other;
      group.disabled = other;
    });
    if (pillar.value && pillar.value.split("/")[0] !== (plan || pillar.value.split("/")[0])) {
      pillar.value = "";
    }
  }

  function apply(updateAddress) {
    var s = state();
    limitPillars(s.plan);
    s = state();
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, s);
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".finder-list > li:not([hidden])");
    });
    count.textContent = template.replace("{n}", shown).replace("{total}", total);
    count.setAttribute("data-count", String(shown));
    if (updateAddress) {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) {
        if (s[name]) params.set(name, s[name]);
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  // Restore a shared choice from the address; values that do not exist are ignored.
  var params = new URLSearchParams(location.search);
  FIELDS.forEach(function (name) {
    var value = params.get(name);
    var field = select(name);
    if (value && Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
      field.value = value;
    }
  });

  form.hidden = false;
  form.addEventListener("change", function () {
    apply(true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply(true);
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      apply(true);
    }, 0);
  });
  apply(false);
})();
