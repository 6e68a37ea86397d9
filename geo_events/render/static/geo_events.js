/* geo-events map behaviour: time slider, layers by date, legend, filters.
 * Written for geo-events (MIT). Needs Leaflet, and Leaflet.markercluster for the event map. Every string that came from
 * articles is HTML-escaped by the Python side before it is embedded here. */
(function () {
  "use strict";
  var GE = (window.geoEvents = window.geoEvents || { state: {}, errors: [] });

  function control(map, position, html, className) {
    var c = L.control({ position: position });
    c.onAdd = function () {
      var div = L.DomUtil.create("div", "ge-box " + (className || ""));
      div.innerHTML = html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    c.addTo(map);
    return c.getContainer();
  }

  /* The offline basemap's governorate names, in grey italics under everything else. */
  GE.governorateNames = function (map, names) {
    var pane = map.createPane("geNames");
    pane.style.zIndex = 350;
    pane.style.pointerEvents = "none";
    names.forEach(function (n) {
      L.marker([n[1], n[2]], { pane: "geNames", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "ge-gov", html: n[0], iconSize: null }) }).addTo(map);
    });
  };

  GE.header = function (map, cfg) {
    if (cfg.governorateNames) GE.governorateNames(map, cfg.governorateNames);
    control(map, "topleft", "<div class='ge-title'>" + cfg.title + "</div><div class='ge-sub'>" + cfg.subtitle + "</div>" +
      (cfg.credit ? "<div class='ge-credit'>" + cfg.credit + "</div>" : ""), "ge-header");
    if (cfg.attribution && map.attributionControl) map.attributionControl.addAttribution(cfg.attribution);
  };

  GE.legend = function (map, title, items) {
    var html = "<div class='ge-legend-title'>" + title + "</div>";
    items.forEach(function (it) {
      var shape = it.line
        ? "<span class='ge-line' style='border-color:" + it.color + "'></span>"
        : "<span class='ge-swatch' style='background:" + it.color + ";border-color:" + (it.stroke || "#333") + "'></span>";
      html += "<div>" + shape + it.label + "</div>";
    });
    return control(map, "bottomright", html, "ge-legend");
  };

  GE.slider = function (map, labels, start, onChange) {
    var box = control(
      map,
      "bottomleft",
      "<button type='button' class='ge-play' title='Play'>&#9654;</button>" +
        "<input class='ge-range' type='range' min='0' max='" + (labels.length - 1) + "' step='1' value='" + start + "'>" +
        "<span class='ge-date'></span>",
      "ge-slider"
    );
    var range = box.querySelector(".ge-range"), label = box.querySelector(".ge-date"), play = box.querySelector(".ge-play");
    var big = control(map, "topright", "", "ge-bigdate");
    var timer = null;
    function set(i) {
      range.value = i;
      label.textContent = labels[i];
      big.textContent = labels[i];
      onChange(+i);
    }
    range.addEventListener("input", function () { set(+range.value); });
    play.addEventListener("click", function () {
      if (timer) { clearInterval(timer); timer = null; play.innerHTML = "&#9654;"; return; }
      play.innerHTML = "&#10074;&#10074;";
      timer = setInterval(function () {
        var i = (+range.value + 1) % labels.length;
        set(i);
        if (i === labels.length - 1) { clearInterval(timer); timer = null; play.innerHTML = "&#9654;"; }
      }, 700);
    });
    set(start);
    return { set: set, range: range };
  };

  function activeInterval(intervals, day) {
    for (var k = 0; k < intervals.length; k++) {
      var iv = intervals[k];
      if (iv[0] <= day && (iv[1] === null || day < iv[1])) return iv;
    }
    return null;
  }

  /* Control map: places coloured by controller, areas, front lines, recent changes. */
  GE.controlMap = function (cfg) {
    var map = cfg.map, g = cfg.groups, pal = cfg.palette;
    GE.groups = g;
    GE.header(map, cfg);
    GE.legend(map, "Controller", cfg.legend);
    var renderer = L.canvas({ padding: 0.3 });
    function update(i) {
      var day = cfg.dates[i], prev = i > 0 ? cfg.dates[i - 1] : "0000-00-00";
      var counts = {}, changes = 0;
      g.places.clearLayers(); g.changes.clearLayers(); g.areas.clearLayers(); g.lines.clearLayers();
      cfg.places.forEach(function (p) {
        var iv = activeInterval(p.iv, day);
        if (!iv) return;
        var ctl = cfg.controllers[iv[2]];
        counts[ctl] = (counts[ctl] || 0) + 1;
        var popup = "<b>" + p.n + "</b> (" + p.g + ")<br>" + cfg.labels[ctl] + " from " + iv[0] +
          (iv[1] ? " to " + iv[1] : "") + "<br><small>" + iv[3] + "</small>";
        var mark = L.circleMarker([p.lat, p.lon], { renderer: renderer, radius: 5, weight: 1, color: "#222", fillColor: pal[ctl], fillOpacity: 0.95 })
          .bindPopup(popup).addTo(g.places);
        if (p.z !== null && map.getZoom() >= p.z) {
          mark.bindTooltip(p.n, { permanent: true, direction: "right", offset: [6, 0], className: "ge-label" });
        }
        if (iv[0] > prev && iv[0] <= day && i > 0) {
          changes++;
          L.circleMarker([p.lat, p.lon], { renderer: renderer, radius: 11, weight: 3, color: pal[ctl], fill: false, interactive: false }).addTo(g.changes);
        }
      });
      var snap = cfg.snapshots[day];
      if (snap) {
        L.geoJSON(snap.areas, {
          interactive: false,
          style: function (f) { var c = f.properties.controller; return { stroke: false, fillColor: pal[c], fillOpacity: cfg.opacity[c] }; }
        }).addTo(g.areas);
        L.geoJSON(snap.front_lines, {
          interactive: false,
          style: function (f) { return { color: f.properties.opposing ? "#c00" : "#555", weight: f.properties.opposing ? 3 : 1.5, dashArray: f.properties.opposing ? null : "4 4" }; }
        }).addTo(g.lines);
      }
      GE.state = { date: day, counts: counts, changes: changes, drawn: g.places.getLayers().length };
    }
    var slider = GE.slider(map, cfg.dates, cfg.start, update);
    map.on("zoomend", function () { update(+slider.range.value); });  /* names appear as one zooms in */
  };

  /* Choropleth: areas filled by the class of their value in each period. */
  GE.choropleth = function (cfg) {
    var map = cfg.map;
    GE.header(map, cfg);
    var items = [{ color: cfg.empty, label: cfg.emptyLabel }];
    cfg.bins.forEach(function (b, k) { items.push({ color: cfg.colors[k], label: b }); });
    GE.legend(map, cfg.metric, items);
    var layer = L.geoJSON(cfg.areas, { style: { weight: 1, color: "#444", fillOpacity: 0.8, fillColor: cfg.empty } }).addTo(cfg.groups.areas);
    function update(i) {
      var shown = 0;
      layer.eachLayer(function (l) {
        var code = l.feature.properties.code, v = cfg.values[code] ? cfg.values[code][i] : 0, cls = cfg.classes[code] ? cfg.classes[code][i] : -1;
        l.setStyle({ fillColor: cls < 0 ? cfg.empty : cfg.colors[cls] });
        l.bindTooltip("<b>" + l.feature.properties.name + "</b><br>" + cfg.metric + ": " + v);
        if (cls >= 0) shown++;
      });
      GE.state = { period: cfg.periods[i], areasWithData: shown };
    }
    GE.slider(map, cfg.periods, cfg.start, update);
  };

  /* Events: markers by type and fatalities in Leaflet.markercluster's clusters (pies of their types, spiderfied
   * at the highest zoom), a date-range and type filter, and a density layer for large corpora. */
  GE.eventsMap = function (cfg) {
    var map = cfg.map, g = cfg.groups, ev = cfg.events, renderer = L.canvas({ padding: 0.3 });
    if (!isFinite(map.getMaxZoom())) map.setMaxZoom(18);  /* clusters split up to it, then spiderfy */
    GE.groups = g;
    GE.header(map, cfg);
    GE.legend(map, "Event type (size: fatalities)", cfg.legend);
    function popup(e) {
      var t = cfg.text;
      return "<b>" + e[4] + "</b> " + t[e[5]] + "<br><b>" + t[e[6]] + "</b> (" + t[e[7]] + ")<br>Actors: " + t[e[8]] +
        "<br>Fatalities: " + (e[3] < 0 ? "unknown" : e[3]) + "<br><i>" + t[e[9]] + "</i><br><small>Source: " + t[e[10]] + "</small>";
    }
    function radius(f) { return f < 0 ? 5 : Math.min(20, 5 + 3 * Math.sqrt(f)); }
    function pie(cluster) {  /* a cluster is a pie of its events' types, its size growing with their number */
      var counts = cfg.colors.map(function () { return 0; }), children = cluster.getAllChildMarkers(), n = children.length;
      children.forEach(function (m) { counts[m.options.t]++; });
      var stops = [], at = 0;
      counts.forEach(function (c, k) {
        if (!c) return;
        var to = at + (100 * c) / n;
        stops.push(cfg.colors[k] + " " + at.toFixed(1) + "% " + to.toFixed(1) + "%");
        at = to;
      });
      var size = Math.round(28 + Math.min(26, 7 * Math.log(n)));
      return L.divIcon({
        className: "ge-pie", iconSize: [size, size],
        html: "<div style='width:" + size + "px;height:" + size + "px;background:conic-gradient(" + stops.join(",") +
          ")'><span>" + n + "</span></div>"
      });
    }
    var cluster = L.markerClusterGroup({
      maxClusterRadius: cfg.cluster, spiderfyOnMaxZoom: true, showCoverageOnHover: false, chunkedLoading: true,
      iconCreateFunction: pie
    });
    var markers = ev.map(function (e) {
      var m = L.circleMarker([e[0], e[1]], { renderer: renderer, radius: radius(e[3]), weight: 1, color: "#222", fillColor: cfg.colors[e[2]], fillOpacity: 0.85 });
      m.options.t = e[2];
      m.bindPopup(function () { return popup(e); });
      return m;
    });
    cluster.addTo(g.events);
    cluster.on("spiderfied", function (a) { GE.state.spiderfied = a.markers.length; });
    GE.cluster = cluster;
    /* density: events per grid cell, five classes by quantile of the cells' counts */
    var counts = cfg.density.map(function (c) { return c[2]; }).sort(function (a, b) { return a - b; });
    var breaks = [0.2, 0.4, 0.6, 0.8].map(function (q) { return counts.length ? counts[Math.floor(q * (counts.length - 1))] : 0; });
    cfg.density.forEach(function (c) {
      var k = 0;
      while (k < breaks.length && c[2] > breaks[k]) k++;
      L.rectangle([[c[0], c[1]], [c[0] + cfg.densityCell, c[1] + cfg.densityCell]], {
        renderer: renderer, stroke: false, fillColor: cfg.classes[k], fillOpacity: 0.75
      }).bindTooltip(c[2] + " events").addTo(g.density);
    });
    if (cfg.densityFirst) map.removeLayer(g.events); else map.removeLayer(g.density);
    /* filters: a date range and the event types */
    var dates = ev.map(function (e) { return e[4]; }).filter(function (d) { return d !== "undated"; }).sort();
    var first = dates.length ? dates[0] : "", last = dates.length ? dates[dates.length - 1] : "";
    var html = "<div class='ge-legend-title'>Show</div><label>From <input type='date' class='ge-from' value='" + first +
      "' min='" + first + "' max='" + last + "'></label><br><label>To <input type='date' class='ge-to' value='" + last +
      "' min='" + first + "' max='" + last + "'></label>";
    cfg.types.forEach(function (name, k) {
      html += "<br><label><input type='checkbox' class='ge-type' data-k='" + k + "' checked> " + name + "</label>";
    });
    var box = control(map, "topright", html, "ge-filter");
    function apply() {
      var from = box.querySelector(".ge-from").value, to = box.querySelector(".ge-to").value, on = {};
      box.querySelectorAll(".ge-type").forEach(function (c) { on[c.getAttribute("data-k")] = c.checked; });
      var chosen = [];
      for (var k = 0; k < ev.length; k++) {
        var e = ev[k], d = e[4];
        if (!on[e[2]]) continue;
        if (d !== "undated" && ((from && d < from) || (to && d > to))) continue;
        chosen.push(markers[k]);
      }
      cluster.clearLayers();
      cluster.addLayers(chosen);
      GE.state = { total: ev.length, shown: chosen.length, from: from, to: to, cells: cfg.density.length };
    }
    box.querySelectorAll("input").forEach(function (i) { i.addEventListener("change", apply); });
    apply();
  };

  /* Draw a map with its data: carried in the page, or fetched from the server the page came from ({fetch: url}).
   * A failed fetch is said on the map (as text, never as HTML). */
  GE.start = function (name, cfg, map, groups) {
    function draw(data) { GE[name](Object.assign(data, { map: map, groups: groups })); }
    if (!cfg.fetch) { draw(cfg); return; }
    GE.state.loading = true;
    fetch(cfg.fetch, { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) return r.json().then(function (e) { throw new Error(e.description || r.statusText); });
        return r.json();
      })
      .then(function (data) { GE.state.loading = false; draw(data); })
      .catch(function (e) {
        GE.state.loading = false;
        GE.errors.push(String(e));
        control(map, "topleft", "", "ge-error").textContent = "Could not load the map's data: " + e.message;
      });
  };
})();
