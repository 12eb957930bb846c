// Enrollment from the webcam: a snapshot becomes the file of the photo field (no upload elsewhere).
(function () {
  'use strict';
  var startBtn = document.getElementById('snap-start');
  var takeBtn = document.getElementById('snap-take');
  var video = document.getElementById('snap-video');
  var input = document.getElementById('photo');
  if (!startBtn || !navigator.mediaDevices) { return; }
  var stream = null;
  startBtn.addEventListener('click', function () {
    navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      takeBtn.hidden = false;
    }).catch(function (err) { startBtn.textContent = 'Webcam not available: ' + err.message; });
  });
  takeBtn.addEventListener('click', function () {
    var c = document.createElement('canvas');
    c.width = video.videoWidth; c.height = video.videoHeight;
    c.getContext('2d').drawImage(video, 0, 0);
    c.toBlob(function (b) {
      var dt = new DataTransfer();
      dt.items.add(new File([b], 'webcam.jpg', { type: 'image/jpeg' }));
      input.files = dt.files;
      stream.getTracks().forEach(function (t) { t.stop(); });
      video.hidden = true; takeBtn.hidden = true;
      startBtn.textContent = 'Snapshot taken: enroll it, or use the webcam again';
    }, 'image/jpeg', 0.92);
  });
}());
