/* Font size (A- A A+), high contrast, and the visit beacon. No dependencies. */
(function () {
  "use strict";
  var root = document.documentElement;
  function store(k, v) { try { localStorage.setItem(k, v); } catch (e) {} }
  var toggle = document.getElementById("contrast-toggle");
  if (toggle) {
    toggle.setAttribute("aria-pressed", root.classList.contains("contrast") ? "true" : "false");
    toggle.addEventListener("click", function () {
      var on = root.classList.toggle("contrast");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      store("contrast", on ? "1" : "0");
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-fs-step]"), function (b) {
    b.addEventListener("click", function () {
      var step = parseInt(b.getAttribute("data-fs-step"), 10);
      var cur = parseInt(root.getAttribute("data-fs") || "0", 10);
      var next = step === 0 ? 0 : Math.max(-1, Math.min(2, cur + step));
      root.setAttribute("data-fs", String(next));
      store("fs", String(next));
    });
  });
  // Counting happens after the page has loaded, in its own small request.
  var me = document.currentScript || document.querySelector("script[data-beacon]");
  var url = me && me.getAttribute("data-beacon");
  if (!url || !window.fetch) return;
  var body = new URLSearchParams();
  var item = me.getAttribute("data-item");
  if (item) body.set("article", item);
  var lang = root.getAttribute("lang") === "en" ? "en-US" : "vi-VN";
  fetch(url, { method: "POST", body: body, credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (counts) {
      if (!counts) return;
      Object.keys(counts).forEach(function (k) {
        var el = document.querySelector('#visit-counter [data-k="' + k + '"]');
        if (el) el.textContent = Number(counts[k]).toLocaleString(lang);
      });
    })
    .catch(function () {});
})();
