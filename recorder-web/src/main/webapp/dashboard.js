// The dashboard updates itself: every 2 s it reads its own page again and puts the new #dashboard in place, so the
// figures are the server's own rendering (one place computes them) and a failed read is said, not hidden.
(function () {
    'use strict';
    var PERIOD_MILLIS = 2000;
    var status = document.getElementById('refresh-status');
    if (!status) {
        return;
    }
    var refreshes = 0;

    function refresh() {
        fetch(window.location.href, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('the server answered ' + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('dashboard');
                if (!fresh) {
                    // the session ended: the server answered with its login form
                    throw new Error('not logged in any more: reload the page');
                }
                var shown = document.getElementById('dashboard');
                shown.innerHTML = fresh.innerHTML;
                shown.dataset.readAt = fresh.dataset.readAt;
                shown.dataset.refreshes = String(++refreshes);
                status.textContent = '';
            })
            .catch(function (error) {
                status.textContent = 'The dashboard is not up to date: ' + error.message;
            })
            .finally(function () {
                window.setTimeout(refresh, PERIOD_MILLIS);
            });
    }

    window.setTimeout(refresh, PERIOD_MILLIS);
}());
