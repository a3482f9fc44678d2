// What the page says while it has not started, without CSS animations
// (a running or delayed animation cost a first visit some 100 ms with the
// CPU throttled 4×). A classic script, in the oldest JavaScript: it runs
// where the page's module scripts do not (index.html opened from a disk,
// a module missing or served as text, an old browser), which is when its
// hint is needed. boot.js, once it runs, sets __scoringBooted and removes
// the hint; the page, once ready, removes the loading line.
(function () {
  function show(id) {
    var el = document.getElementById(id);
    if (el) el.style.display = 'block';
  }
  // A slow first visit: only the first downloads the program.
  setTimeout(function () {
    show('boot-note');
  }, 2000);
  // Nothing of the page's own code ran: why it usually is, the likeliest
  // cause first (from a disk: index.html opened from a folder, or the one
  // file copied short), in place of the loading line.
  setTimeout(function () {
    if (window.__scoringBooted) return;
    var hide = ['boot-loading', 'boot-note'];
    for (var i = 0; i < hide.length; i++) {
      var el = document.getElementById(hide[i]);
      if (el) el.style.display = 'none';
    }
    if (location.protocol === 'file:') {
      var fromFolder = document.querySelector('script[type="module"][src]');
      var likely = document.getElementById(fromFolder ? 'cause-disk' : 'cause-copy');
      if (likely && likely.parentNode) {
        likely.className = 'likely';
        likely.parentNode.insertBefore(likely, likely.parentNode.firstChild);
      }
    }
    show('boot-hint');
  }, 5000);
})();
