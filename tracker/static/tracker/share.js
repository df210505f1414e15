// Settings > Sharing and API tokens: the new link's (or token's) Copy button,
// hidden until this script runs (without it, the link is selected text in a
// read-only field, copied by hand).
// What it says comes from the page (data-copied, data-copy-by-hand), in its language.
(function () {
  "use strict";
  var button = document.querySelector("[data-copy]");
  if (!button) return;
  var field = document.getElementById(button.getAttribute("data-copy"));
  var status = document.querySelector("[data-copy-status]");
  if (!field) return;
  button.hidden = false;
  field.addEventListener("focus", function () { field.select(); });
  button.addEventListener("click", function () {
    function said(key) { if (status) status.textContent = status.dataset[key] || ""; }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(
        function () { said("copied"); },
        function () { field.select(); said("copyByHand"); }
      );
    } else {
      field.select();
      said("copyByHand");
    }
  });
})();
