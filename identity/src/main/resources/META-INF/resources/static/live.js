// Live recognition: webcam frames (JPEG, at the camera's rate) to frame-ingest over a WebSocket;
// recognised faces and check-ins come back from identity over /ws/live and are drawn on top.
(function () {
  'use strict';
  var root = document.getElementById('live');
  if (!root) { return; }
  var video = document.getElementById('video');
  var overlay = document.getElementById('overlay');
  var statusEl = document.getElementById('status');
  var select = document.getElementById('camera');
  var startBtn = document.getElementById('start');
  var stopBtn = document.getElementById('stop');
  var faces = document.getElementById('faces');
  var checkins = document.getElementById('checkins');
  var grab = document.createElement('canvas');
  var stream = null, ingest = null, feed = null, timer = null, keepAlive = null, boxes = [], frameW = 640, frameH = 480;
  // close code of both sockets when the token they opened with expired or was revoked
  var SESSION_ENDED = 4001;

  // any page request renews the session cookie; the sockets keep the token they opened with,
  // so after it expires they close with SESSION_ENDED and reopen with the renewed cookie
  function refreshSession() {
    return fetch('/api/v1/me', { credentials: 'same-origin' }).then(function (r) { return r.ok; }, function () { return false; });
  }

  function reopen(open) {
    refreshSession().then(function (ok) {
      if (!stream) { return; }
      if (ok) { open(); } else { say('Signed out: sign in again to stream'); }
    });
  }

  function ingestUrl(cameraId) {
    var base = root.getAttribute('data-ingest');
    // the session cookie belongs to this host name: talk to ingest under the same one
    base = base.replace('127.0.0.1', location.hostname).replace('localhost', location.hostname);
    if (location.protocol === 'https:') { base = base.replace(/^ws:/, 'wss:'); }
    return base + '/ws/cameras/' + encodeURIComponent(cameraId);
  }

  function say(text) { statusEl.textContent = text; }

  function item(list, text, cls) {
    var li = document.createElement('li');
    li.textContent = text;
    if (cls) { li.className = cls; }
    list.insertBefore(li, list.firstChild);
    while (list.children.length > 12) { list.removeChild(list.lastChild); }
  }

  function draw() {
    var ctx = overlay.getContext('2d');
    overlay.width = overlay.clientWidth; overlay.height = overlay.clientHeight;
    ctx.clearRect(0, 0, overlay.width, overlay.height);
    var sx = overlay.width / frameW, sy = overlay.height / frameH, now = Date.now();
    boxes = boxes.filter(function (b) { return now - b.at < 800; });
    boxes.forEach(function (b) {
      ctx.lineWidth = 3;
      ctx.strokeStyle = b.known ? '#35c46a' : '#f0b400';
      ctx.strokeRect(b.box[0] * sx, b.box[1] * sy, b.box[2] * sx, b.box[3] * sy);
      ctx.font = '16px system-ui, sans-serif';
      var label = b.known ? b.name : 'unknown';
      var w = ctx.measureText(label).width + 10;
      ctx.fillStyle = b.known ? '#35c46a' : '#f0b400';
      ctx.fillRect(b.box[0] * sx, b.box[1] * sy - 22, w, 22);
      ctx.fillStyle = '#000';
      ctx.fillText(label, b.box[0] * sx + 5, b.box[1] * sy - 6);
    });
    if (stream) { requestAnimationFrame(draw); }
  }

  function openFeed() {
    feed = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/live');
    feed.onclose = function (ev) { if (stream && ev.code === SESSION_ENDED) { reopen(openFeed); } };
    feed.onmessage = function (m) {
      var e = JSON.parse(m.data);
      if (e.type === 'face' && e.cameraId === select.value) {
        boxes.push({ box: e.box, known: e.known, name: e.name, at: Date.now() });
        item(faces, (e.known ? e.name + ' (' + e.similarity + ')' : 'unknown') + ' · ' + new Date(e.capturedAt).toLocaleTimeString(),
          e.known ? 'known' : 'unknown');
      } else if (e.type === 'attendance') {
        item(checkins, e.name + ': ' + e.kind.replace('_', ' ').toLowerCase() + ' at ' + new Date(e.at).toLocaleTimeString() + (e.late ? ' (late)' : ''));
      }
    };
  }

  function openIngest() {
    ingest = new WebSocket(ingestUrl(select.value));
    ingest.binaryType = 'arraybuffer';
    ingest.onopen = function () { say('Streaming to Rollcall'); };
    ingest.onclose = function (ev) {
      if (!stream) { return; }
      if (ev.code === SESSION_ENDED) { reopen(openIngest); } else { say('Disconnected (' + (ev.reason || ev.code) + ')'); }
    };
    ingest.onmessage = function (m) { say(String(m.data)); };
  }

  function start() {
    var option = select.options[select.selectedIndex];
    var fps = parseFloat(option.getAttribute('data-fps')) || 5;
    navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      openIngest();
      openFeed();
      keepAlive = setInterval(refreshSession, 4 * 60 * 1000);
      timer = setInterval(function () {
        if (!video.videoWidth || ingest.readyState !== 1 || ingest.bufferedAmount > 2000000) { return; }
        frameW = grab.width = video.videoWidth; frameH = grab.height = video.videoHeight;
        grab.getContext('2d').drawImage(video, 0, 0);
        grab.toBlob(function (b) { if (b && ingest.readyState === 1) { ingest.send(b); } }, 'image/jpeg', 0.85);
      }, 1000 / fps);
      startBtn.disabled = true; stopBtn.disabled = false;
      requestAnimationFrame(draw);
    }).catch(function (err) { say('Camera not available: ' + err.message); });
  }

  function stop() {
    clearInterval(timer);
    clearInterval(keepAlive);
    if (ingest) { ingest.close(); }
    if (feed) { feed.close(); }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    startBtn.disabled = false; stopBtn.disabled = true;
    say('Stopped');
  }

  startBtn.addEventListener('click', start);
  stopBtn.addEventListener('click', stop);
}());
