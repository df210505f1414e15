// Small progressive enhancements; no inline script or style anywhere (CSP).
(function () {
  // Progress bars carry their width as data, set here because style="" is blocked.
  document.querySelectorAll("[data-share]").forEach((bar) => {
    const share = parseFloat(bar.dataset.share);
    bar.style.width = Math.max(0, Math.min(100, isNaN(share) ? 0 : share)) + "%";
  });
})();

// A form marked data-submit-once ("No pain today", "Repeat this session") is sent
// once per page: a double click sends one request. The server is idempotent as well;
// this only spares the second round trip.
(function () {
  document.querySelectorAll("form[data-submit-once]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (form.dataset.submitted) {
        event.preventDefault();
        return;
      }
      form.dataset.submitted = "true";
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        button.setAttribute("aria-disabled", "true");
      });
    });
  });
})();
