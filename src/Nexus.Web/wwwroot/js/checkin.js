// Camera scanning for the check-in page, where the browser has the BarcodeDetector API (Chromium on Android,
// for example). Without it the page still works: staff scan with the phone's camera app, or search by name.
(function () {
  "use strict";
  var box = document.getElementById("scanner");
  if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  box.hidden = false;
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  document.getElementById("scan-start").addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      return video.play().then(function () {
        var tick = function () {
          detector.detect(video).then(function (codes) {
            var hit = codes.map(function (c) { return c.rawValue; })
              .find(function (v) { return v.indexOf("/registrations/manage/checkin?code=") >= 0; });
            if (hit) {
              stream.getTracks().forEach(function (t) { t.stop(); });
              var url = new URL(hit, window.location.href);
              window.location.assign(url.pathname + url.search);
            } else {
              window.requestAnimationFrame(tick);
            }
          }).catch(function () { window.requestAnimationFrame(tick); });
        };
        tick();
      });
    }).catch(function (err) { status.textContent = String(err); });
  });
})();
