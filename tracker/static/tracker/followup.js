// The import follow-up: "select all" ticks or clears every row's checkbox, and
// shows "some" (indeterminate) when only some rows are ticked.
(() => {
  const all = document.querySelector("[data-bulk-all]");
  if (!all) return;
  const rows = () => Array.from(document.querySelectorAll("[data-bulk-row]"));
  const sync = () => {
    const ticked = rows().filter((box) => box.checked).length;
    all.checked = ticked > 0 && ticked === rows().length;
    all.indeterminate = ticked > 0 && ticked < rows().length;
  };
  all.addEventListener("change", () => {
    rows().forEach((box) => {
      box.checked = all.checked;
    });
  });
  rows().forEach((box) => box.addEventListener("change", sync));
  sync();
})();
