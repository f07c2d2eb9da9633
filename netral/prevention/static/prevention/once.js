// A form marked data-once submits once: its button is disabled after the first click (the
// server refuses a second sending anyway; this only spares the officer the warning).
document.querySelectorAll("form[data-once]").forEach(function (form) {
  form.addEventListener("submit", function () {
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  });
});
