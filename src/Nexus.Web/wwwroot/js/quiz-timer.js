// Countdown of a timed quiz attempt. The server is the authority on time: this only shows the minutes left and,
// at the deadline, submits the form as the "Submit" button would, so the answers on screen are graded.
(function () {
  "use strict";
  var timer = document.getElementById("quiz-timer");
  var form = document.getElementById("quiz-form");
  if (!timer || !form) return;
  var deadline = Date.parse(timer.getAttribute("data-deadline"));
  var remaining = timer.querySelector("[data-remaining]");
  var announce = timer.querySelector("[data-announce]");
  var submit = form.querySelector("[data-submit]");
  var lang = document.documentElement.lang || "en";
  var french = lang.indexOf("fr") === 0;
  var announced = {};
  var sent = false;

  function text(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    var clock = m + ":" + (s < 10 ? "0" : "") + s;
    return french ? "Temps restant\u00a0: " + clock : "Time left: " + clock;
  }

  function tick() {
    var seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    remaining.textContent = text(seconds);
    // Screen readers hear the time only at a few moments, not every second.
    [300, 60].forEach(function (mark) {
      if (seconds <= mark && seconds > 0 && !announced[mark]) {
        announced[mark] = true;
        announce.textContent = text(seconds);
      }
    });
    if (seconds === 0 && !sent) {
      sent = true;
      if (form.requestSubmit && submit) form.requestSubmit(submit);
      else { submit.click(); }
      return;
    }
    window.setTimeout(tick, 1000);
  }

  form.addEventListener("submit", function () { sent = true; });
  tick();
})();
