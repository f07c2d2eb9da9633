// The receipt page: "Salin kode" copies the receipt to the clipboard. The button stays hidden
// where the script does not run (the code can still be selected, or downloaded).
(function () {
  "use strict";
  const button = document.querySelector("[data-copy]");
  if (!button) return;
  const status = document.querySelector("[data-copy-status]");
  function say(text) { if (status) status.textContent = text; }
  function fallback(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }
  button.hidden = false;
  button.addEventListener("click", async () => {
    const text = button.dataset.copy;
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        ok = true;
      }
    } catch (e) { ok = false; }
    if (!ok) ok = fallback(text);
    say(ok ? button.dataset.copied : button.dataset.copyFailed);
    if (ok) button.dataset.done = "1";
  });
})();
