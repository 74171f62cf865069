// Live updates for the review page: every 2 s, fetch the board (rendered and escaped by the
// server) and put it in place when it changed, keeping comments being typed.
(function () {
  'use strict';
  var board = document.getElementById('board');
  var last = board.innerHTML;
  var refreshes = 0;

  function comments() {
    var typed = {};
    board.querySelectorAll('article.review').forEach(function (card) {
      var box = card.querySelector('textarea[name=comment]');
      if (box && box.value) {
        typed[card.dataset.intent] = box.value;
      }
    });
    return typed;
  }

  function refresh() {
    fetch('/board', { credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      if (response.status === 401) {
        window.location.assign('/login');
        return null;
      }
      return response.ok ? response.text() : null;
    }).then(function (html) {
      refreshes += 1;
      document.body.dataset.refreshes = String(refreshes);
      if (html === null || html === last) {
        return;
      }
      var typed = comments();
      board.innerHTML = html;
      last = html;
      board.querySelectorAll('article.review').forEach(function (card) {
        var box = card.querySelector('textarea[name=comment]');
        if (box && typed[card.dataset.intent]) {
          box.value = typed[card.dataset.intent];
        }
      });
    }).catch(function () { /* the next round tries again */ });
  }

  setInterval(refresh, 2000);
}());
