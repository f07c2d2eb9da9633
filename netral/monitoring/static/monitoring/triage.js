// Keyboard triage: j/k move, x toggles the row, r/n/d/e mark the chosen rows (or the
// highlighted one). The buttons stay the way to do it with a mouse or a screen reader.
(function () {
  "use strict";
  var form = document.getElementById("mark-form");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(form.querySelectorAll(".triage-row"));
  var at = 0;
  function focus(i) {
    if (!rows.length) { return; }
    at = Math.max(0, Math.min(rows.length - 1, i));
    rows[at].focus();
  }
  function box(row) { return row.querySelector("input[type=checkbox]"); }
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" && event.target.type !== "checkbox" || tag === "textarea" ||
        tag === "select" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var key = event.key;
    if (key === "j") { focus(at + 1); event.preventDefault(); return; }
    if (key === "k") { focus(at - 1); event.preventDefault(); return; }
    if (key === "x" && rows.length) {
      var b = box(rows[at]); b.checked = !b.checked; event.preventDefault(); return;
    }
    var button = form.querySelector("button[data-key='" + key + "']");
    if (!button) { return; }
    var chosen = rows.filter(function (r) { return box(r).checked; });
    if (!chosen.length && rows.length) { box(rows[at]).checked = true; }
    event.preventDefault();
    button.click();
  });
  rows.forEach(function (row, i) {
    row.addEventListener("focus", function () { at = i; });
  });
  focus(0);
})();
