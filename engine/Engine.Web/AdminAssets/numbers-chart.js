// Draws the numbers dashboard's charts with chart.js from the JSON in each canvas's data-series attribute.
// The same numbers are in the table under each chart, so nothing is lost without JavaScript.
(function () {
  if (!window.Chart) return;
  var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var colours = { ideas: '#005eb8', comments: '#330072', votes: '#007f3b', people: '#005eb8', total: '#d5281b' };
  document.querySelectorAll('canvas[data-series]').forEach(function (canvas) {
    var days = JSON.parse(canvas.getAttribute('data-series'));
    var labels = days.map(function (d) { return d.day; });
    var kind = canvas.getAttribute('data-chart');
    var datasets = kind === 'people'
      ? [
          { type: 'line', label: 'People taking part that day', data: days.map(function (d) { return d.people; }), borderColor: colours.people, backgroundColor: colours.people, yAxisID: 'y' },
          { type: 'line', label: 'People so far', data: days.map(function (d) { return d.peopleSoFar; }), borderColor: colours.total, backgroundColor: colours.total, borderDash: [6, 4], yAxisID: 'y' }
        ]
      : [
          { type: 'bar', label: 'Ideas', data: days.map(function (d) { return d.ideas; }), backgroundColor: colours.ideas, stack: 'all' },
          { type: 'bar', label: 'Comments', data: days.map(function (d) { return d.comments; }), backgroundColor: colours.comments, stack: 'all' },
          { type: 'bar', label: 'Votes', data: days.map(function (d) { return d.votes; }), backgroundColor: colours.votes, stack: 'all' }
        ];
    new window.Chart(canvas, {
      data: { labels: labels, datasets: datasets },
      options: {
        animation: still ? false : undefined,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true }, y: { stacked: kind !== 'people', beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  });
})();
