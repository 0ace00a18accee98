// The overview map: pan (drag) and zoom (wheel, buttons) by changing the SVG's viewBox.
// No inline handlers: the page's Content-Security-Policy only allows this file.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  if (!svg) { return; }
  var base = svg.viewBox.baseVal;
  var home = { x: base.x, y: base.y, w: base.width, h: base.height };
  var view = { x: home.x, y: home.y, w: home.w, h: home.h };
  var MIN_W = home.w / 40, MAX_W = home.w * 1.5;

  var NS = "http://www.w3.org/2000/svg";
  var links = Array.prototype.slice.call(svg.querySelectorAll(".markers a.incident-link"));
  var clusters = document.createElementNS(NS, "g");
  clusters.setAttribute("class", "clusters");
  svg.querySelector(".viewport").appendChild(clusters);

  // Dense markers become one numbered circle per ~30 screen pixels; a click zooms into it.
  // At the closest zoom every marker is drawn, even those at the very same point.
  function cluster(k) {
    clusters.textContent = "";
    var rect = svg.getBoundingClientRect();
    var cell = 30 * view.w / Math.max(rect.width, 1);
    var groups = {};
    links.forEach(function (a) {
      a.style.display = "";
      var c = a.querySelector(".marker");
      var x = parseFloat(c.getAttribute("cx")), y = parseFloat(c.getAttribute("cy"));
      var key = Math.floor(x / cell) + ":" + Math.floor(y / cell);
      (groups[key] = groups[key] || []).push({ a: a, x: x, y: y });
    });
    if (view.w <= MIN_W * 1.01) { return 0; }
    var made = 0;
    Object.keys(groups).forEach(function (key) {
      var group = groups[key];
      if (group.length < 2) { return; }
      var sx = 0, sy = 0;
      group.forEach(function (m) { m.a.style.display = "none"; sx += m.x; sy += m.y; });
      var g = document.createElementNS(NS, "g");
      g.setAttribute("class", "cluster");
      var circle = document.createElementNS(NS, "circle");
      circle.setAttribute("cx", (sx / group.length).toFixed(1));
      circle.setAttribute("cy", (sy / group.length).toFixed(1));
      circle.setAttribute("r", ((9 + 3 * Math.log(group.length)) * k).toFixed(2));
      var title = document.createElementNS(NS, "title");
      title.textContent = group.length + " incidents: click to zoom in";
      circle.appendChild(title);
      var label = document.createElementNS(NS, "text");
      label.setAttribute("x", circle.getAttribute("cx"));
      label.setAttribute("y", (sy / group.length + 4 * k).toFixed(1));
      label.setAttribute("text-anchor", "middle");
      label.textContent = String(group.length);
      g.appendChild(circle);
      g.appendChild(label);
      g.addEventListener("click", function () { zoom(0.4, sx / group.length, sy / group.length); });
      clusters.appendChild(g);
      made += 1;
    });
    return made;
  }

  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) {
      return v.toFixed(2);
    }).join(" "));
    // Keep markers and labels a readable size as the map zooms: scale them with the view.
    var k = view.w / home.w;
    svg.style.setProperty("--marker-scale", k);
    svg.style.setProperty("--label-scale", k);
    // Governorates show from 1.8x, smaller towns from 3x (charts.css).
    var z = home.w / view.w;
    svg.setAttribute("data-zoom", z >= 3 ? "3" : z >= 1.8 ? "2" : "1");
    svg.querySelectorAll(".marker").forEach(function (m) {
      if (!m.dataset.r) { m.dataset.r = m.getAttribute("r"); }
      m.setAttribute("r", (parseFloat(m.dataset.r) * Math.max(k, 0.02)).toFixed(3));
    });
    svg.dataset.clusters = String(cluster(k));
  }

  function toMap(clientX, clientY) {
    var rect = svg.getBoundingClientRect();
    return {
      x: view.x + (clientX - rect.left) / rect.width * view.w,
      y: view.y + (clientY - rect.top) / rect.height * view.h
    };
  }

  function zoom(factor, cx, cy) {
    var w = Math.min(MAX_W, Math.max(MIN_W, view.w * factor));
    var f = w / view.w;
    view.x = cx - (cx - view.x) * f;
    view.y = cy - (cy - view.y) * f;
    view.w = w;
    view.h = view.h * f;
    apply();
  }

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var p = toMap(event.clientX, event.clientY);
    zoom(event.deltaY > 0 ? 1.25 : 0.8, p.x, p.y);
  }, { passive: false });

  var drag = null, moved = false;
  svg.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
    moved = false;
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var rect = svg.getBoundingClientRect();
    var dx = (event.clientX - drag.x) / rect.width * view.w;
    var dy = (event.clientY - drag.y) / rect.height * view.h;
    if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 4) {
      moved = true;
      svg.classList.add("dragging");
    }
    view.x = drag.vx - dx;
    view.y = drag.vy - dy;
    apply();
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    svg.classList.remove("dragging");
  });
  // A drag that ends on a marker must not open the incident.
  svg.addEventListener("click", function (event) {
    if (moved) { event.preventDefault(); moved = false; }
  }, true);

  function centre() { return { x: view.x + view.w / 2, y: view.y + view.h / 2 }; }
  var zin = document.getElementById("zoom-in"), zout = document.getElementById("zoom-out");
  var reset = document.getElementById("zoom-reset");
  if (zin) { zin.addEventListener("click", function () { var c = centre(); zoom(0.67, c.x, c.y); }); }
  if (zout) { zout.addEventListener("click", function () { var c = centre(); zoom(1.5, c.x, c.y); }); }
  if (reset) {
    reset.addEventListener("click", function () {
      view = { x: home.x, y: home.y, w: home.w, h: home.h };
      apply();
    });
  }
  apply();
  svg.dataset.ready = "true";
})();

// The incident page's mini-map is a fixed close-up: size its labels for that zoom.
(function () {
  "use strict";
  var mini = document.getElementById("mini-map");
  if (!mini) { return; }
  var full = mini.querySelector(".basemap");
  var box = mini.viewBox.baseVal;
  var width = parseFloat(mini.dataset.width || "1000");
  var k = box.width / width;
  mini.style.setProperty("--label-scale", k);
  mini.setAttribute("data-zoom", k <= 1 / 3 ? "3" : "2");
  if (full) { mini.dataset.ready = "true"; }
})();

// The timeline: drag across it to select a period; the page reloads with since/until set to
// that period, the other filters kept. A click without a drag still opens the incident.
(function () {
  "use strict";
  var chart = document.getElementById("timeline");
  if (!chart || !chart.dataset.first) { return; }
  var first = new Date(chart.dataset.first + "T00:00:00Z");
  var days = parseFloat(chart.dataset.days);
  var left = parseFloat(chart.dataset.left), right = parseFloat(chart.dataset.right);
  var box = document.getElementById("timeline-selection");
  var start = null;

  function chartX(event) {
    var rect = chart.getBoundingClientRect();
    var width = chart.viewBox.baseVal.width;
    var x = (event.clientX - rect.left) / rect.width * width;
    return Math.min(right, Math.max(left, x));
  }

  function dayAt(x) {
    var offset = Math.floor((x - left) / (right - left) * days);
    var d = new Date(first.getTime() + offset * 86400000);
    return d.toISOString().slice(0, 10);
  }

  chart.addEventListener("pointerdown", function (event) {
    start = chartX(event);
    box.setAttribute("x", start);
    box.setAttribute("width", 0);
  });
  chart.addEventListener("pointermove", function (event) {
    if (start === null) { return; }
    var x = chartX(event);
    box.setAttribute("x", Math.min(start, x));
    box.setAttribute("width", Math.abs(x - start));
  });
  chart.addEventListener("click", function (event) {
    if (chart.dataset.dragged === "true") { event.preventDefault(); chart.dataset.dragged = ""; }
  }, true);
  window.addEventListener("pointerup", function (event) {
    if (start === null) { return; }
    var x = chartX(event);
    var from = Math.min(start, x), to = Math.max(start, x);
    start = null;
    if (to - from < 4) { box.setAttribute("width", 0); return; }
    chart.dataset.dragged = "true";
    var params = new URLSearchParams(window.location.search);
    params.set("since", dayAt(from));
    params.set("until", dayAt(to));
    params.delete("offset");
    window.location.search = params.toString();
  });
  chart.dataset.ready = "true";
})();
