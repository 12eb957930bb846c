// The photo form checks sizes before it sends anything: a photo over the per-photo limit or a
// selection over the request limit is named next to the field, and the form keeps what was filled
// in (sent anyway, the server would refuse it with a 413 page and the browser drops the form).
(function () {
  'use strict';
  var input = document.getElementById('photo');
  var form = input && input.form;
  if (!form) { return; }
  var maxPhoto = Number(form.getAttribute('data-max-photo-bytes'));
  var maxBody = Number(form.getAttribute('data-max-body-bytes'));
  var note = document.getElementById('photo-size');
  function mb(bytes) { return (bytes / (1024 * 1024)).toFixed(1) + ' MB'; }
  function problem() {
    var total = 0;
    for (var i = 0; i < input.files.length; i++) {
      var f = input.files[i];
      total += f.size;
      if (maxPhoto && f.size > maxPhoto) {
        return f.name + ' is ' + mb(f.size) + '; each photo may be at most ' + mb(maxPhoto) + '.';
      }
    }
    if (maxBody && total > maxBody) {
      return 'These photos are ' + mb(total) + ' together; at most ' + mb(maxBody) + ' can be sent at once.';
    }
    return null;
  }
  function show() {
    var why = problem();
    note.textContent = why || '';
    note.hidden = !why;
    input.setAttribute('aria-invalid', why ? 'true' : 'false');
    return why;
  }
  input.addEventListener('change', show);
  form.addEventListener('submit', function (e) {
    if (show()) { e.preventDefault(); input.focus(); }
  });
})();
