// Refreshes the dashboard's <main> every 10 s while the box is ticked, without reloading the page
// (scroll position and focus stay). The page works without this script.
(function () {
  var box = document.getElementById('auto-refresh');
  if (!box || !window.fetch || !window.DOMParser) { return; }
  setInterval(function () {
    if (!box.checked || document.hidden) { return; }
    fetch(location.pathname, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        var main = fresh.getElementById('main');
        var footer = fresh.querySelector('footer');
        if (main) { document.getElementById('main').replaceWith(main); }
        if (footer) { document.querySelector('footer').replaceWith(footer); }
      })
      .catch(function () { /* keep the last good page */ });
  }, 10000);
})();
