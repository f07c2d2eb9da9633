// Small behaviours the pages declare with data attributes, so that no page needs inline script
// (the Content-Security-Policy allows scripts from this site's static files only).
(function () {
  "use strict";

  // <select data-autosubmit>: choosing a value submits its form (a <noscript> button remains).
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) { field.form.submit(); }
  });

  document.addEventListener("click", function (event) {
    // <button data-print>: print the page.
    if (event.target.closest("[data-print]")) { window.print(); return; }
    // <button data-fill-nip="…" data-target="field-id">: copy a suggested NIP into a field.
    var fill = event.target.closest("[data-fill-nip]");
    if (fill) {
      var target = document.getElementById(fill.dataset.target);
      if (target) { target.value = fill.dataset.fillNip; target.focus(); }
    }
  });

  // <x data-countdown="seconds">: a courtesy countdown; the server enforces any limit.
  document.querySelectorAll("[data-countdown]").forEach(function (box) {
    var end = Date.now() + Number(box.dataset.countdown) * 1000;
    function tick() {
      var s = Math.max(0, Math.round((end - Date.now()) / 1000));
      box.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      if (s > 0) { setTimeout(tick, 1000); }
    }
    tick();
  });
})();
