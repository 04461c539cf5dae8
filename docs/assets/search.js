/* The search dialog: a search field and a list of results in a native <dialog>,
 * opened from the header, on Pagefind's JavaScript API.
 *
 * Pagefind's files are served by the site itself (pagefind/, built by hooks/search.py)
 * and loaded only when the dialog is first opened: its script and the WebAssembly of
 * the page's language, in the page itself (noWorker: no extra worker script to fetch),
 * then the parts of the index a query needs. Pagefind picks the index of the page's
 * language from <html lang>, so a Japanese page searches Japanese pages only. Pagefind's
 * own UI is not used: it weighs more than the rest of a page together.
 *
 * The words come from the dialog's data-* attributes (data/labels.yaml), the results are
 * built with textContent (titles, their plan and pillar) and <mark> elements (the
 * excerpts' highlights) only.
 *
 * Filters (Pagefind's, from the pages' data-pagefind-filter, templates/_search.html.j2):
 * plan, pillar, ministry. The plan filter starts on the plan in force (with the pages
 * of no plan); "all plans" adds the superseded ones, ranked after the plan in force for
 * the same match: their scores are multiplied by SUPERSEDED (Pagefind's own score,
 * from its ranking options, otherwise untouched).
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
  var form = dialog.querySelector(".site-search__form");
  var input = dialog.querySelector(".site-search__input");
  var status = dialog.querySelector(".site-search__status");
  var list = dialog.querySelector(".site-search__results");
  var more = dialog.querySelector(".site-search__more");
  var choices = dialog.querySelectorAll("select[data-filter]");
  var PAGE = 5; // results whose details (title, excerpt) are fetched at a time
  var SUPERSEDED = 0.5; // a superseded plan's page counts half as much as the same match in force
  var CURRENT = "current"; // the plan filter's first choice: the plan in force and pages of no plan
  var ALL = "all";
  var loading = null;
  var results = [];
  var shown = 0;
  var ticket = 0;
  var timer = null;

  // Load Pagefind once, from the site itself; results link under the site's address.
  function load() {
    if (loading) return loading;
    loading = import(bundle + "pagefind.js").then(function (pagefind) {
      var base = bundle.replace(/pagefind\/$/, "");
      var ranking = JSON.parse(dialog.getAttribute("data-ranking") || "{}");
      return pagefind
        .options({ baseUrl: base, ranking: ranking, excerptLength: 24, noWorker: true })
        .then(function () { return pagefind.init(); })
        .then(function () { return pagefind.filters(); })
        .then(function (filters) {
          fillChoices(filters);
          return pagefind;
        });
    });
    return loading;
  }

  // The choices of each filter, in the order of the site (plans, pillars by number).
  function fillChoices(filters) {
    Array.prototype.forEach.call(choices, function (select) {
      var values = Object.keys(filters[select.getAttribute("data-filter")] || {});
      values.sort(function (a, b) { return a.localeCompare(b, undefined, { numeric: true }); });
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
    });
  }

  // Pagefind's filters for the dialog's choices (or for the given ones, by filter name).
  function filtersFor(given) {
    var filters = {};
    Array.prototype.forEach.call(choices, function (select) {
      var name = select.getAttribute("data-filter");
      var value = given && name in given ? given[name] : select.value;
      if (name === "plan" && value === CURRENT) filters.plan_status = { none: ["superseded"] };
      else if (value && value !== ALL) filters[name] = value;
    });
    return filters;
  }

  // Search with filters; with every plan, a superseded plan's page counts SUPERSEDED
  // times its score, so the plan in force comes first for the same match.
  function ranked(pagefind, query, filters) {
    var searches = [pagefind.search(query, { filters: filters })];
    if (!filters.plan_status && !filters.plan) {
      var old = Object.assign({}, filters, { plan_status: "superseded" });
      searches.push(pagefind.search(query, { filters: old }));
    }
    return Promise.all(searches).then(function (found) {
      var all = found[0].results;
      if (found.length < 2) return all;
      var superseded = {};
      found[1].results.forEach(function (result) { superseded[result.id] = true; });
      var scored = all.map(function (result, index) {
        return { result: result, index: index, score: result.score * (superseded[result.id] ? SUPERSEDED : 1) };
      });
      scored.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
      return scored.map(function (entry) { return entry.result; });
    });
  }

  // The results for a query; when no page has every word of it, those for the query
  // without its last word, and so on: the index and the browser may cut a long Japanese
  // compound into different words (都道府県公安委員会), and readers type words a page
  // may not have ("… sites"). Gives {results, query: the query the results are for}.
  function answer(pagefind, query, filters) {
    return ranked(pagefind, query, filters).then(function (found) {
      var shorter = found.length ? null : withoutLastWord(query);
      return shorter ? answer(pagefind, shorter, filters) : { results: found, query: query };
    });
  }

  // The query up to its last word (words as the browser cuts them in the page's
  // language), or null if it has only one.
  function withoutLastWord(query) {
    var starts = [];
    if (window.Intl && Intl.Segmenter) {
      var words = new Intl.Segmenter(document.documentElement.lang, { granularity: "word" }).segment(query);
      Array.from(words).forEach(function (word) { if (word.isWordLike) starts.push(word.index); });
    } else {
      query.replace(/\S+/g, function (word, index) { starts.push(index); return word; });
    }
    return starts.length > 1 ? query.slice(0, starts[starts.length - 1]).trim() : null;
  }

  // For the relevance bench (tools/bench_search.py) and the tests: the addresses of the
  // first `depth` results the dialog would show, with its filters or the given ones.
  dialog.plansiteSearch = function (query, given, depth) {
    return load()
      .then(function (pagefind) { return answer(pagefind, query, filtersFor(given)); })
      .then(function (found) { return Promise.all(found.results.slice(0, depth || PAGE).map(function (r) { return r.data(); })); })
      .then(function (pages) { return pages.map(function (data) { return data.url; }); });
  };

  // One of the dialog's words, with its {placeholders} filled in (wording.js).
  function say(name, values) {
    return window.fillLabel(dialog.getAttribute("data-" + name), values);
  }

  // Pagefind's excerpt is escaped text with <mark> around the matches: rebuild it from
  // text nodes and <mark> elements, so nothing else can become markup.
  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "site-search__excerpt";
    var decoder = document.createElement("textarea");
    var marked = false;
    html.split(/(<\/?mark>)/).forEach(function (part) {
      if (part === "<mark>" || part === "</mark>") {
        marked = part === "<mark>";
        return;
      }
      if (!part) return;
      decoder.innerHTML = part;
      var text = document.createTextNode(decoder.value);
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(text);
      }
    });
    return paragraph;
  }

  function item(data) {
    var entry = document.createElement("li");
    entry.className = "site-search__result";
    var link = document.createElement("a");
    link.className = "site-search__result-link";
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    entry.appendChild(link);
    var plan = data.meta && data.meta.plan;
    if (plan) {
      var source = document.createElement("p");
      source.className = "site-search__source";
      var pillar = data.meta.pillar;
      source.textContent = pillar ? say("source", { plan: plan, pillar: pillar }) : plan;
      entry.appendChild(source);
    }
    entry.appendChild(excerpt(data.excerpt || ""));
    return entry;
  }

  // Show the next results; the focus moves to the first of them when asked for.
  function showMore(focus) {
    var batch = results.slice(shown, shown + PAGE);
    var mine = ticket;
    shown += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== ticket) return;
      var first = null;
      pages.forEach(function (data) {
        var entry = item(data);
        first = first || entry.querySelector("a");
        list.appendChild(entry);
      });
      more.hidden = shown >= results.length;
      if (focus && first) first.focus();
    });
  }

  function search() {
    var query = input.value.trim();
    var mine = ++ticket;
    if (!query) {
      results = [];
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return;
    }
    load()
      .then(function (pagefind) { return answer(pagefind, query, filtersFor(null)); })
      .then(function (found) {
        if (mine !== ticket) return;
        results = found.results;
        shown = 0;
        list.textContent = "";
        if (!results.length) status.textContent = say("none", { query: query });
        else if (found.query !== query) status.textContent = say("relaxed", { n: results.length, query: query, shorter: found.query });
        else status.textContent = say("results", { n: results.length, query: query });
        return showMore(false);
      })
      .catch(failed);
  }

  function failed() {
    status.textContent = say("failed", {});
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    load().catch(failed);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 200);
  });
  // In a search field Escape would first clear the text; here it closes the dialog, as
  // everywhere else in it.
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    dialog.close();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    search();
  });
  Array.prototype.forEach.call(choices, function (select) {
    select.addEventListener("change", search);
  });
  more.addEventListener("click", function () {
    showMore(true);
  });
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
