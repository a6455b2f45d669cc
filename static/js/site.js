/* Font size (A- A A+), high contrast, the phone menu, print date, copy link and the visit
   beacon. No dependencies. */
(function () {
  "use strict";
  var root = document.documentElement;
  function store(k, v) { try { localStorage.setItem(k, v); } catch (e) {} }
  document.documentElement.classList.add("js");
  // High contrast: aria-pressed and the visible state ("đang bật" / "đang tắt").
  var toggle = document.getElementById("contrast-toggle");
  function showContrast(on) {
    if (!toggle) return;
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    var state = toggle.querySelector(".toggle-state");
    if (state) state.textContent = ": " + state.getAttribute(on ? "data-on" : "data-off");
  }
  if (toggle) {
    showContrast(root.classList.contains("contrast"));
    toggle.addEventListener("click", function () {
      var on = root.classList.toggle("contrast");
      showContrast(on);
      store("contrast", on ? "1" : "0");
    });
  }
  // Font size: A- and A+ move one step each way (two steps at most, symmetric), A resets.
  var FS_MIN = -2, FS_MAX = 2;
  var fsButtons = document.querySelectorAll("[data-fs-step]");
  function showSize(cur) {
    Array.prototype.forEach.call(fsButtons, function (b) {
      var step = parseInt(b.getAttribute("data-fs-step"), 10);
      var off = (step < 0 && cur <= FS_MIN) || (step > 0 && cur >= FS_MAX) || (step === 0 && cur === 0);
      b.setAttribute("aria-disabled", off ? "true" : "false");
    });
  }
  var size = parseInt(root.getAttribute("data-fs") || "0", 10) || 0;
  size = Math.max(FS_MIN, Math.min(FS_MAX, size));
  showSize(size);
  Array.prototype.forEach.call(fsButtons, function (b) {
    b.addEventListener("click", function () {
      var step = parseInt(b.getAttribute("data-fs-step"), 10);
      var cur = parseInt(root.getAttribute("data-fs") || "0", 10) || 0;
      var next = step === 0 ? 0 : Math.max(FS_MIN, Math.min(FS_MAX, cur + step));
      root.setAttribute("data-fs", String(next));
      store("fs", String(next));
      showSize(next);
    });
  });
  // The phone menu: one button folds and unfolds the tools and the navigation.
  var menu = document.querySelector(".menu-toggle");
  if (menu) {
    var header = menu.closest(".site-header");
    var label = menu.querySelector(".menu-label");
    menu.addEventListener("click", function () {
      var open = header.classList.toggle("menu-open");
      menu.setAttribute("aria-expanded", open ? "true" : "false");
      if (label) label.textContent = menu.getAttribute(open ? "data-open" : "data-closed");
    });
  }
  // The print date on the printout (the page itself may come from the cache).
  var printDate = document.querySelector("[data-print-date]");
  if (printDate) {
    var fillDate = function () {
      var now = new Date();
      var two = function (n) { return (n < 10 ? "0" : "") + n; };
      var time = two(now.getHours()) + ":" + two(now.getMinutes());
      // "30/11/2026 05:21" on Vietnamese pages, "30 November 2026 05:21" on English ones.
      var text = printDate.getAttribute("data-locale") === "en-GB"
        ? now.getDate() + " " + now.toLocaleString("en-GB", { month: "long" }) + " " + now.getFullYear() + " " + time
        : two(now.getDate()) + "/" + two(now.getMonth() + 1) + "/" + now.getFullYear() + " " + time;
      printDate.textContent = printDate.getAttribute("data-label") + ": " + text;
    };
    fillDate();
    window.addEventListener("beforeprint", fillDate);
  }
  // Copy the article's address (no third-party script).
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy-link]"), function (b) {
    b.addEventListener("click", function () {
      var url = b.getAttribute("data-copy-link");
      var status = document.getElementById(b.getAttribute("aria-describedby") || "");
      function done(ok) {
        if (status) status.textContent = b.getAttribute(ok ? "data-copied" : "data-failed");
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () { done(true); }, function () { done(false); });
      } else {
        var field = document.createElement("textarea");
        field.value = url;
        field.setAttribute("readonly", "");
        field.style.position = "fixed";
        field.style.opacity = "0";
        document.body.appendChild(field);
        field.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        document.body.removeChild(field);
        done(ok);
      }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (b) {
    b.addEventListener("click", function () { window.print(); });
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
      // The rating total of the article, fresh (the page itself may come from the cache).
      var total = document.querySelector(".rating-total[data-template]");
      if (total && counts.item && counts.item.rating_count !== undefined) {
        total.textContent = total.getAttribute("data-template")
          .replace("{x}", Number(counts.item.rating_sum).toLocaleString(lang))
          .replace("{n}", Number(counts.item.rating_count).toLocaleString(lang));
      }
      delete counts.item;
      Object.keys(counts).forEach(function (k) {
        var el = document.querySelector('#visit-counter [data-k="' + k + '"]');
        if (el) el.textContent = Number(counts[k]).toLocaleString(lang);
      });
    })
    .catch(function () {});
})();
