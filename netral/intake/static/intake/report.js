// The report form: dependent region selects, more ASN rows, the live Perbawaslu checklist,
// the anonymous switch, and a file check before upload. The form works without it.
(function () {
  "use strict";
  const form = document.getElementById("report-form");
  if (!form) return;
  const $ = (sel, root) => (root || form).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || form).querySelectorAll(sel));
  const REPORT_DAYS = 7;

  async function fill(select, query, keep) {
    const first = select.options[0] ? select.options[0].cloneNode(true) : null;
    select.innerHTML = "";
    if (first) select.appendChild(first);
    if (!query) return;
    const resp = await fetch("/api/v1/regions?" + query, {headers: {Accept: "application/json"}});
    if (!resp.ok) return;
    for (const r of await resp.json()) {
      const opt = new Option(r.name, r.code);
      if (r.code === keep) opt.selected = true;
      select.appendChild(opt);
    }
  }
  const province = $("#id_province"), regency = $("#id_regency"), district = $("#id_district");
  async function provinceChanged() {
    await fill(regency, province.value ? "province=" + province.value : "", "");
    await fill(district, "", "");
    for (const s of $$(".asn-regency")) await fill(s, province.value ? "province=" + province.value : "", s.value);
    update();
  }
  province.addEventListener("change", provinceChanged);
  regency.addEventListener("change", async () => { await fill(district, regency.value ? "regency=" + regency.value : "", ""); update(); });

  // ASN rows (a Django formset: renumber TOTAL_FORMS and the prefixes)
  const rows = $("#asn-rows"), total = $("#id_asn-TOTAL_FORMS"), tpl = document.getElementById("asn-template");
  function renumber() {
    $$("[data-asn-row]", rows).forEach((row, i) => {
      row.querySelector("[data-asn-number]").textContent = i + 1;
      for (const el of row.querySelectorAll("[name],[id],[for]")) {
        for (const attr of ["name", "id", "for"]) {
          const v = el.getAttribute(attr);
          if (v) el.setAttribute(attr, v.replace(/asn-(\d+|__prefix__)-/, "asn-" + i + "-"));
        }
      }
      row.querySelector("[data-asn-remove]").hidden = $$("[data-asn-row]", rows).length < 2;
    });
    total.value = $$("[data-asn-row]", rows).length;
  }
  $("#asn-add").addEventListener("click", () => {
    const html = tpl.innerHTML.replace(/__n__/g, "");
    rows.insertAdjacentHTML("beforeend", html);
    const row = rows.lastElementChild;
    const sel = row.querySelector(".asn-regency"), src = $$(".asn-regency", rows)[0];
    if (sel && src && src !== sel) sel.innerHTML = src.innerHTML, sel.value = "";
    renumber();
    row.querySelector("input").focus();
    update();
  });
  rows.addEventListener("click", (e) => {
    const btn = e.target.closest("[data-asn-remove]");
    if (btn && $$("[data-asn-row]", rows).length > 1) { btn.closest("[data-asn-row]").remove(); renumber(); update(); }
  });

  // Anonymous or named
  function anonymous() { const r = $("input[name=anonymous]:checked"); return r && r.value === "1"; }
  function anonChanged() {
    $("[data-anon-note]").hidden = !anonymous();
    $("[data-named-fields]").hidden = anonymous();
    update();
  }
  $$("input[name=anonymous]").forEach((r) => r.addEventListener("change", anonChanged));

  // Files: an over-size file is refused here, before a byte is sent (the limits are the
  // server's, rendered into the page); the others stay chosen where the browser allows it.
  const files = $("input[name=attachments]"), filesError = $("[data-files-error]");
  const MAX_FILES = Number(filesError.dataset.maxFiles), MAX_BYTES = Number(filesError.dataset.maxBytes);
  function checkFiles() {
    const list = Array.from(files.files || []);
    const big = list.filter((f) => f.size > MAX_BYTES);
    const msgs = big.map((f) => filesError.dataset.tooBig.replace("{file}", f.name));
    if (big.length) {
      const kept = list.filter((f) => f.size <= MAX_BYTES);
      try {
        const keep = new DataTransfer();
        kept.forEach((f) => keep.items.add(f));
        files.files = keep.files;
      } catch (e) {
        files.value = "";  // an older browser: nothing may be sent, the reporter chooses again
      }
    }
    if ((files.files || []).length > MAX_FILES) msgs.push(filesError.dataset.tooMany);
    filesError.textContent = msgs.join(" ");
    filesError.hidden = msgs.length === 0;
    return msgs.length === 0;
  }
  files.addEventListener("change", () => { checkFiles(); update(); });
  form.addEventListener("submit", (e) => {
    if (!checkFiles()) { e.preventDefault(); files.focus(); filesError.scrollIntoView({block: "center"}); }
  });

  // After a refusal: the list of fields in error is at the top; the first field is focused
  // (which scrolls to it), and each link of the list focuses its field.
  function focusField(id) {
    const el = document.getElementById(id);
    if (!el) return false;
    const box = el.closest(".field") || el;
    const details = el.closest("details");
    if (details) details.open = true;
    box.scrollIntoView({block: "center"});
    el.focus({preventScroll: true});
    return true;
  }
  const summary = document.getElementById("form-errors");
  if (summary) {
    summary.addEventListener("click", (e) => {
      const link = e.target.closest("[data-error-link]");
      if (link && focusField(link.dataset.errorLink)) e.preventDefault();
    });
    const first = summary.querySelector("[data-error-link]");
    if (!(first && focusField(first.dataset.errorLink))) summary.focus();
  }

  // The live checklist mirrors netral/intake/requirements.py
  function workingDays(from, to) {
    let n = 0; const d = new Date(from);
    while (d < to) { d.setDate(d.getDate() + 1); if (d.getDay() % 6 !== 0) n++; }
    return n;
  }
  function timely() {
    const known = $("#id_discovered_date").value || $("#id_incident_date").value;
    if (!known) return null;
    const opt = $("#id_election").selectedOptions[0];
    const pemilu = opt && opt.dataset.kind === "pemilu";
    const today = new Date(); today.setHours(0, 0, 0, 0);
    const start = new Date(known + "T00:00:00");
    return (pemilu ? workingDays(start, today) : Math.round((today - start) / 864e5)) <= REPORT_DAYS;
  }
  function update() {
    const filled = (sel) => $$(sel).some((el) => el.value.trim() !== "");
    const met = {
      reporter: !anonymous() && filled("#id_reporter_name") && filled("#id_reporter_address"),
      reported: $$("[data-asn-row] input[name$='-name']", rows).some((el) => el.value.trim()),
      deadline: timely(),
      when_where: !!$("#id_incident_date").value && (!!regency.value || !!$("#id_place").value.trim()),
      description: !!$("#id_description").value.trim(),
      evidence: (files.files && files.files.length > 0) || !!$("#id_links").value.trim(),
    };
    const list = $("[data-requirements]"), t = list.dataset, onTime = met.deadline;
    const notes = {
      reporter: anonymous() ? t.noteAnon : "",
      deadline: onTime === null ? t.noteNodate : (onTime ? "" : t.noteLate),
    };
    for (const li of $$("[data-req]")) {
      const ok = !!met[li.dataset.req];
      li.className = ok ? "met" : "missing";
      li.querySelector(".mark").textContent = ok ? "✓" : "○";
      li.querySelector(".state").textContent = ok ? t.yes : t.no;
      const note = li.querySelector(".note"), text = notes[li.dataset.req] || "";
      note.textContent = text;
      note.hidden = !text;
    }
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  renumber();
  update();
})();
