// The report's Print button: hidden until this script runs (without it, the browser's
// own Print does the same, with the same print stylesheet).
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
