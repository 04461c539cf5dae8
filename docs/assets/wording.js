/* The site's words (data/labels.yaml) in the pages' scripts: the one way a script fills
 * a label's {placeholders}, by the rules of hooks/plansite/wording.py `fill`: only
 * `{name}` placeholders (a lowercase letter or _, then lowercase letters, digits or _)
 * are filled; one that `values` does not give, and any other brace, stays as written.
 * Scripts put the result in textContent, so nothing is escaped here. Loaded before the
 * scripts that use it (mkdocs.yml: extra_javascript).
 */
// A label's text with each {name} that `values` gives replaced by its value.
window.fillLabel = function (text, values) {
  "use strict";
  return String(text || "").replace(/\{([a-z_][a-z0-9_]*)\}/g, function (all, name) {
    return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
  });
};
