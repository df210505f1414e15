// The import job page while a worker runs the job: ask for its status (a tiny JSON
// answer) every 300 ms for the first 20 s, then every 2 s, and reload the page as
// soon as it has moved (another file done, or finished). Without JavaScript the
// page's <noscript> refresh does the same every 2 s; on any error this falls back
// to that pace.
(function () {
  const root = document.querySelector("[data-job-poll]");
  if (!root || !window.fetch) return;
  const url = root.dataset.jobPoll;
  const seen = root.dataset.jobSeen;
  const started = Date.now();
  const FAST_MS = 300;
  const SLOW_MS = 2000;
  const FAST_FOR_MS = 20000;

  function later() {
    window.setTimeout(poll, Date.now() - started < FAST_FOR_MS ? FAST_MS : SLOW_MS);
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((job) => {
        if (job.finished || `${job.status}:${job.done}` !== seen) {
          window.location.reload();
        } else {
          later();
        }
      })
      .catch(() => window.setTimeout(() => window.location.reload(), SLOW_MS));
  }

  later();
})();
