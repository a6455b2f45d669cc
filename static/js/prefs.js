/* Font size and contrast chosen earlier, applied before the page is drawn (loaded
   synchronously in <head>; the buttons are wired in site.js). */
(function () {
  try {
    var d = document.documentElement;
    // With scripts the phone menu starts folded behind its button (site.js); without, it is shown.
    d.classList.add("js");
    var s = localStorage.getItem("fs"), c = localStorage.getItem("contrast");
    if (s) d.setAttribute("data-fs", s);
    if (c === "1") d.classList.add("contrast");
  } catch (e) {}
})();
