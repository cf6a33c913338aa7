// Reviews arrive after a short delay, as on real shops that load them with a second request:
// a scraper has to wait for "#reviews .review" instead of reading the first HTML.
document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('reviews');
  if (!box) { return; }
  var data = JSON.parse(box.getAttribute('data-reviews') || '[]');
  setTimeout(function () {
    box.innerHTML = '<h2>Reviews</h2>';
    data.forEach(function (r) {
      var div = document.createElement('div');
      div.className = 'review';
      div.textContent = r.author + ': ' + r.text;
      box.appendChild(div);
    });
  }, 600);
});
