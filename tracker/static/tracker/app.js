// Small progressive enhancements; no inline script or style anywhere (CSP).
(function () {
  // Progress bars carry their width as data, set here because style="" is blocked.
  document.querySelectorAll("[data-share]").forEach((bar) => {
    const share = parseFloat(bar.dataset.share);
    bar.style.width = Math.max(0, Math.min(100, isNaN(share) ? 0 : share)) + "%";
  });
})();
