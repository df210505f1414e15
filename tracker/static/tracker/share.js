// Settings > Sharing: the new link's Copy button, hidden until this script runs
// (without it, the link is selected text in a read-only field, copied by hand).
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
    function said(text) { if (status) status.textContent = text; }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(
        function () { said("Copied."); },
        function () { field.select(); said("Select the link and copy it."); }
      );
    } else {
      field.select();
      said("Select the link and copy it.");
    }
  });
})();
