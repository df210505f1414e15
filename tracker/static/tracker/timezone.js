// Preselect the browser's time zone in a select marked data-guess-timezone (sign-up,
// and settings while the runner has not chosen a zone). The attribute holds the
// legacy names the time zone database maps to a listed zone: some browsers report
// "Asia/Calcutta" where the list says "Asia/Kolkata". A separate file: the CSP
// allows no inline script. The note it adds is the page's (data-guessed-note), in
// the page's language.
(function () {
  document.querySelectorAll("select[data-guess-timezone]").forEach((select) => {
    let zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return;
    }
    if (!zone) return;
    let legacy = {};
    try {
      legacy = JSON.parse(select.dataset.guessTimezone || "{}");
    } catch (error) {
      legacy = {};
    }
    const listed = (name) => [...select.options].some((option) => option.value === name);
    const guess = listed(zone) ? zone : legacy[zone];
    if (!guess || !listed(guess) || select.value === guess) return;
    select.value = guess;
    const help = document.getElementById(select.id + "_helptext");
    if (help) {
      const note = document.createElement("span");
      note.textContent = " " + (select.dataset.guessedNote || "");
      note.dataset.timezoneGuessed = "";
      help.append(note);
    }
  });
})();
