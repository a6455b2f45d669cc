/* The editor's desk (admin change forms of workflow items): a browser leaving a form with
   unsaved edits asks first. Loaded as a file (no inline script: the site's CSP forbids it). */
(function () {
  "use strict";
  var form = document.querySelector("#content-main form[method=post]");
  if (!form) { return; }

  function snapshot() {
    var parts = [];
    new FormData(form).forEach(function (value, key) {
      if (key === "csrfmiddlewaretoken") { return; }
      parts.push(key + "=" + (typeof value === "string" ? value : value.name + ":" + value.size));
    });
    return parts.join("&");
  }

  var initial = null;
  var leaving = false;
  // Rich-text editors fill their boxes after loading: take the first picture once they have.
  window.addEventListener("load", function () {
    window.setTimeout(function () { initial = snapshot(); }, 300);
  });
  form.addEventListener("submit", function () { leaving = true; });

  window.addEventListener("beforeunload", function (event) {
    if (leaving || initial === null || snapshot() === initial) { return; }
    event.preventDefault();
    event.returnValue = "";  // older browsers need a value to ask
  });
})();

/* The admin's autocomplete boxes (select2) carry no accessible name: give each the text of
   its field's label, once select2 has drawn them. */
(function () {
  "use strict";
  function nameBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector("label[for='" + select.id + "']");
      var box = select.nextElementSibling;
      if (!label || !box || !box.classList.contains("select2")) { return; }
      var name = label.textContent.replace(/[:\s]+$/, "").trim();
      box.querySelectorAll(".select2-selection, .select2-search__field, [role=textbox]").forEach(function (el) {
        el.setAttribute("aria-label", name);
      });
    });
  }
  nameBoxes();
  // select2 draws its boxes after the page is read, and redraws them on every choice.
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.setTimeout(function () { pending = false; nameBoxes(); }, 0);
  }).observe(document.body, {childList: true, subtree: true});
})();

/* CKEditor 5: when an uploaded image lands in the text, open its "text alternative" box at
   once, so the editor describes it there and then (the server refuses an image without a
   description all the same). */
(function () {
  "use strict";
  if (typeof window.ckeditorRegisterCallback !== "function") { return; }
  document.querySelectorAll("textarea.django_ckeditor_5").forEach(function (area) {
    window.ckeditorRegisterCallback(area.id, function (editor) {
      if (!editor.plugins.has("ImageUploadEditing")) { return; }
      editor.plugins.get("ImageUploadEditing").on("uploadComplete", function (evt, data) {
        window.setTimeout(function () {
          try {
            editor.model.change(function (writer) { writer.setSelection(data.imageElement, "on"); });
            editor.plugins.get("ImageTextAlternativeUI")._showForm();
          } catch (err) { /* the box stays one click away, on the image's toolbar */ }
        }, 50);
      });
    });
  });
})();
