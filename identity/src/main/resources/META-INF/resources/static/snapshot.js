// Enrollment from the webcam: three snapshots, the head turned slightly between them, become the
// files of the photo field (several templates recognize better than one; no upload elsewhere).
(function () {
  'use strict';
  var startBtn = document.getElementById('snap-start');
  var takeBtn = document.getElementById('snap-take');
  var video = document.getElementById('snap-video');
  var hint = document.getElementById('snap-hint');
  var input = document.getElementById('photo');
  if (!startBtn || !navigator.mediaDevices) { return; }
  var stream = null;
  var prompts = ['Look at the camera.', 'Turn your head slightly to the left.', 'Turn your head slightly to the right.'];
  startBtn.addEventListener('click', function () {
    navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      takeBtn.hidden = false;
      hint.hidden = false;
      hint.textContent = prompts[0];
    }).catch(function (err) { startBtn.textContent = 'Webcam not available: ' + err.message; });
  });
  function snap(done) {
    var c = document.createElement('canvas');
    c.width = video.videoWidth; c.height = video.videoHeight;
    c.getContext('2d').drawImage(video, 0, 0);
    c.toBlob(done, 'image/jpeg', 0.92);
  }
  takeBtn.addEventListener('click', function () {
    var dt = new DataTransfer();
    takeBtn.disabled = true;
    function next(i) {
      if (i === prompts.length) {
        input.files = dt.files;
        stream.getTracks().forEach(function (t) { t.stop(); });
        video.hidden = true; takeBtn.hidden = true; hint.hidden = true; takeBtn.disabled = false;
        startBtn.textContent = dt.files.length + ' snapshots taken: enroll them, or use the webcam again';
        return;
      }
      hint.textContent = prompts[i];
      // a second and a half to follow the prompt before each shot
      window.setTimeout(function () {
        snap(function (b) {
          dt.items.add(new File([b], 'webcam-' + (i + 1) + '.jpg', { type: 'image/jpeg' }));
          next(i + 1);
        });
      }, i === 0 ? 300 : 1500);
    }
    next(0);
  });
}());
