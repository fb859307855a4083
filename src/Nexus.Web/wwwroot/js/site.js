// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Forms marked data-confirm ask before submitting (e.g. cancelling a registration).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
