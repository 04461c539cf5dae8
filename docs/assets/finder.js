/* The measures finder: filters the server-rendered list of every measure by plan,
 * pillar, ministry, awareness month and keywords, combined, using the list items' data
 * attributes (keywords match the title and text in the page's language). The choice is
 * kept in the address (?plan=&pillar=&ministry=&month=&q=) so that a link restores it,
 * and the language switch carries it to the other language's finder. Without
 * JavaScript the form stays hidden and the page lists every measure. No library.
 */
(function () {
  "use strict";

  var form = document.getElementById("finder");
  var count = document.getElementById("finder-count");
  if (!form || !count) return;

  var FIELDS = ["plan", "pillar", "ministry", "month", "q"];
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

  // Text compared the same way on both sides: full-width letters and digits as
  // half-width (NFKC), case ignored.
  function fold(text) {
    return (text || "").normalize("NFKC").toLowerCase();
  }

  // Every word of the query must appear in the measure's title or text.
  function hasWords(item, query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    if (!terms.length) return true;
    // The link is the measure's number and title; the ministries beside it are not searched.
    var link = item.querySelector("a");
    var text = item._text || (item._text = fold((link ? link.textContent : "") + " " + (item.getAttribute("data-text") || "")));
    return terms.every(function (term) {
      return text.indexOf(term) >= 0;
    });
  }

  function words(item, attribute) {
    return (item.getAttribute(attribute) || "").split(" ").filter(Boolean);
  }

  function matches(item, s) {
    return (
      (!s.plan || item.getAttribute("data-plan") === s.plan) &&
      (!s.pillar || item.getAttribute("data-pillar") === s.pillar) &&
      (!s.ministry || words(item, "data-ministries").indexOf(s.ministry) >= 0) &&
      (!s.month || words(item, "data-months").indexOf(s.month) >= 0) &&
      hasWords(item, s.q)
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
    count.textContent = window.fillLabel(template, { n: shown, total: total });
    count.setAttribute("data-count", String(shown));
    if (updateAddress) {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) {
        if (s[name]) params.set(name, s[name]);
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
    carryAcrossLanguages();
  }

  // The language switch leads to the other language's finder with the same choice
  // (ids are the same in both languages; the keywords are kept as typed).
  function carryAcrossLanguages() {
    var here = location.pathname;
    // This page's own name ("/finder/"), which its counterparts end with: the address
    // comes from the site's paths (plansite/paths.py), not from this script.
    var name = here.slice(here.lastIndexOf("/", here.length - 2));
    Array.prototype.forEach.call(document.querySelectorAll("a[hreflang]"), function (link) {
      var target = new URL(link.getAttribute("href"), location.href);
      if (target.origin !== location.origin || target.pathname === here || target.pathname.slice(-name.length) !== name) return;
      target.search = location.search;
      link.setAttribute("href", target.href);
    });
  }

  // Restore a shared choice from the address; values that do not exist are ignored.
  var params = new URLSearchParams(location.search);
  FIELDS.forEach(function (name) {
    var value = params.get(name);
    var field = select(name);
    if (value && !field.options) {
      field.value = value;
    } else if (value && Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
      field.value = value;
    }
  });

  form.hidden = false;
  form.addEventListener("change", function () {
    apply(true);
  });
  form.addEventListener("input", function (event) {
    if (event.target === select("q")) apply(true);
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
