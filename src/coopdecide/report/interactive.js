// coopdecide: the interactive weights of the HTML report. No dependencies, no network.
// TOPSIS as in coopdecide.ranking.kernels: the same normalizations, distances and tie rule.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cd-data").textContent);
  var n = data.alternatives.length;
  var m = data.criteria.length;

  function normalize(x, method) {
    var out = [], i, j;
    for (i = 0; i < n; i++) out.push(new Array(m));
    for (j = 0; j < m; j++) {
      var low = Infinity, high = -Infinity, denominator = 0;
      for (i = 0; i < n; i++) {
        low = Math.min(low, x[i][j]);
        high = Math.max(high, x[i][j]);
      }
      for (i = 0; i < n; i++) {
        var v = x[i][j];
        if (method === "vector") denominator += v * v;
        else if (method === "max") denominator = Math.max(denominator, Math.abs(v));
        else if (method === "sum") denominator += v;
      }
      if (method === "vector") denominator = Math.sqrt(denominator);
      if (method === "minmax") denominator = high - low;
      for (i = 0; i < n; i++) {
        var shifted = method === "minmax" ? x[i][j] - low : x[i][j];
        out[i][j] = denominator === 0 ? 0 : shifted / denominator;
      }
    }
    return out;
  }

  var normalized = normalize(data.matrix, data.normalization);
  var ideal = [], antiIdeal = [];
  (function () {
    for (var j = 0; j < m; j++) {
      var low = Infinity, high = -Infinity;
      for (var i = 0; i < n; i++) {
        low = Math.min(low, normalized[i][j]);
        high = Math.max(high, normalized[i][j]);
      }
      ideal.push(data.types[j] > 0 ? high : low);
      antiIdeal.push(data.types[j] > 0 ? low : high);
    }
  })();

  function closeness(weights) {
    var euclidean = data.distance === "euclidean", scores = [];
    for (var i = 0; i < n; i++) {
      var plus = 0, minus = 0;
      for (var j = 0; j < m; j++) {
        var gp = normalized[i][j] - ideal[j], gm = normalized[i][j] - antiIdeal[j];
        if (euclidean) {
          plus += weights[j] * weights[j] * (gp * gp);
          minus += weights[j] * weights[j] * (gm * gm);
        } else {
          plus += weights[j] * Math.abs(gp);
          minus += weights[j] * Math.abs(gm);
        }
      }
      if (euclidean) {
        plus = Math.sqrt(plus);
        minus = Math.sqrt(minus);
      }
      var total = plus + minus;
      scores.push(total > 0 ? minus / total : 0.5);
    }
    return scores;
  }

  function roundHalfEven(v) { // numpy.rint
    var r = Math.round(v);
    if (r - v === 0.5 && r % 2 !== 0) r -= 1;
    return r;
  }

  function ranks(scores) { // 1 + the number of scores better to 12 decimals (ties share)
    var keys = scores.map(function (s) { return roundHalfEven(s * 1e12) / 1e12; });
    return keys.map(function (k) {
      var better = 0;
      for (var i = 0; i < n; i++) if (keys[i] > k) better++;
      return better + 1;
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function percent(w) { return (100 * w).toFixed(1) + "%"; }

  var weights = data.weights.slice();
  var moved = -1; // -1 none since the reset, k one criterion, -2 several
  var startRanks = ranks(closeness(weights));
  var sliders = [], readouts = [], markBoxes = [];

  function setWeight(k, t) { // the others keep their proportions, as in one_at_a_time
    t = Math.min(1, Math.max(0, t));
    var rest = 0, j;
    for (j = 0; j < m; j++) if (j !== k) rest += weights[j];
    for (j = 0; j < m; j++) {
      if (j !== k) weights[j] = rest > 0 ? (1 - t) * weights[j] / rest : (1 - t) / (m - 1);
    }
    weights[k] = t;
    moved = moved === -1 || moved === k ? k : -2;
  }

  var box = document.getElementById("cd-sliders");
  data.criteria.forEach(function (name, k) {
    var row = el("div", "cd-slider");
    var label = el("label", null, name);
    label.htmlFor = "cd-weight-" + k;
    var input = el("input");
    input.type = "range";
    input.id = "cd-weight-" + k;
    input.min = "0";
    input.max = "1";
    input.step = "any";
    input.disabled = m < 2;
    input.addEventListener("input", function () {
      setWeight(k, parseFloat(input.value));
      update();
    });
    var readout = el("span", "cd-readout");
    var marks = el("div", "cd-marks");
    data.swaps.forEach(function (swap) {
      if (swap.criterion !== k) return;
      var mark = el("span", swap.changes_top ? "cd-mark cd-top" : "cd-mark");
      mark.style.left = 100 * swap.weight + "%";
      mark.title = percent(swap.weight) + ": above this weight " + swap.leader_above +
        " ranks ahead of " + swap.leader_below + (swap.changes_top ? " (first place)" : "");
      mark.setAttribute("data-weight", String(swap.weight));
      marks.appendChild(mark);
    });
    row.appendChild(label);
    row.appendChild(input);
    row.appendChild(readout);
    row.appendChild(marks);
    box.appendChild(row);
    sliders.push(input);
    readouts.push(readout);
    markBoxes.push(marks);
  });

  function update() {
    var scores = closeness(weights), rank = ranks(scores), order = [], i;
    for (i = 0; i < n; i++) order.push(i);
    order.sort(function (a, b) { return rank[a] - rank[b] || a - b; });
    sliders.forEach(function (input, k) {
      input.value = String(weights[k]);
      input.setAttribute("data-weight", String(weights[k]));
      readouts[k].textContent = percent(weights[k]);
      markBoxes[k].classList.toggle("cd-stale", moved !== -1 && moved !== k);
    });
    var chart = document.getElementById("cd-chart");
    var body = document.getElementById("cd-table-body");
    chart.textContent = "";
    body.textContent = "";
    order.forEach(function (a) {
      var bar = el("div", rank[a] === 1 ? "cd-bar cd-first" : "cd-bar");
      bar.appendChild(el("span", "cd-bar-label", data.alternatives[a]));
      var track = el("span", "cd-bar-track");
      var fill = el("span", "cd-bar-fill");
      fill.style.width = 100 * scores[a] + "%";
      track.appendChild(fill);
      bar.appendChild(track);
      bar.appendChild(el("span", "cd-bar-value", scores[a].toFixed(3)));
      chart.appendChild(bar);
      var tr = el("tr");
      tr.setAttribute("data-alternative", String(a));
      tr.setAttribute("data-score", String(scores[a]));
      tr.setAttribute("data-rank", String(rank[a]));
      tr.appendChild(el("td", "num", String(rank[a])));
      tr.appendChild(el("th", null, data.alternatives[a])).scope = "row";
      tr.appendChild(el("td", "num", scores[a].toFixed(4)));
      tr.appendChild(el("td", "num", String(startRanks[a])));
      body.appendChild(tr);
    });
    var first = order.filter(function (a) { return rank[a] === 1; });
    document.getElementById("cd-first").textContent = first.map(function (a) {
      return data.alternatives[a];
    }).join(", ");
  }

  document.getElementById("cd-reset").addEventListener("click", function () {
    weights = data.weights.slice();
    moved = -1;
    update();
  });
  update();
  document.getElementById("cd-explore").setAttribute("data-ready", "true");
})();
