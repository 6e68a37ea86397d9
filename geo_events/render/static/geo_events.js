/* geo-events map behaviour: time slider, layers by date, legend, clustering.
 * Written for geo-events (MIT). Needs Leaflet only. Every string that came from
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

  GE.header = function (map, cfg) {
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

  /* Events: markers by type and fatalities, clustered on a pixel grid when crowded. */
  GE.eventsMap = function (cfg) {
    var map = cfg.map, group = cfg.groups.events, ev = cfg.events, renderer = L.canvas({ padding: 0.3 });
    GE.groups = cfg.groups;
    GE.header(map, cfg);
    GE.legend(map, "Event type (size: fatalities)", cfg.legend);
    function popup(e) {
      var t = cfg.text;
      return "<b>" + e[4] + "</b> " + t[e[5]] + "<br><b>" + t[e[6]] + "</b> (" + t[e[7]] + ")<br>Actors: " + t[e[8]] +
        "<br>Fatalities: " + (e[3] < 0 ? "unknown" : e[3]) + "<br><i>" + t[e[9]] + "</i><br><small>Source: " + t[e[10]] + "</small>";
    }
    function radius(f) { return f < 0 ? 4 : Math.min(20, 4 + 3 * Math.sqrt(f)); }
    var drawnZoom = null, drawnBounds = null;
    function draw() {
      /* a popup pans the map: redraw only when the view leaves what was drawn, or the zoom changes */
      if (drawnZoom === map.getZoom() && drawnBounds && drawnBounds.contains(map.getBounds())) return;
      drawnZoom = map.getZoom();
      group.clearLayers();
      var bounds = map.getBounds().pad(0.5), cell = cfg.cluster, cells = {}, singles = 0, clusters = 0;
      drawnBounds = bounds;
      for (var k = 0; k < ev.length; k++) {
        var e = ev[k];
        if (!bounds.contains([e[0], e[1]])) continue;
        if (cell > 0 && ev.length > cfg.clusterFrom) {
          var p = map.latLngToLayerPoint([e[0], e[1]]), key = Math.floor(p.x / cell) + ":" + Math.floor(p.y / cell);
          (cells[key] = cells[key] || []).push(k);
        } else {
          cells["e" + k] = [k];
        }
      }
      Object.keys(cells).forEach(function (key) {
        var ks = cells[key];
        if (ks.length === 1) {
          var e = ev[ks[0]];
          singles++;
          L.circleMarker([e[0], e[1]], { renderer: renderer, radius: radius(e[3]), weight: 1, color: "#222", fillColor: cfg.colors[e[2]], fillOpacity: 0.85 })
            .bindPopup(popup(e)).addTo(group);
          return;
        }
        clusters++;
        var lat = 0, lon = 0;
        ks.forEach(function (j) { lat += ev[j][0]; lon += ev[j][1]; });
        var n = ks.length, size = 26 + Math.min(24, 6 * Math.log(n));
        L.marker([lat / n, lon / n], {
          icon: L.divIcon({ className: "ge-cluster", html: "<div style='width:" + size + "px;height:" + size + "px;line-height:" + size + "px'>" + n + "</div>", iconSize: [size, size] })
        }).on("click", function (m) { map.setView(m.latlng, map.getZoom() + 2); }).addTo(group);
      });
      GE.state = { total: ev.length, singles: singles, clusters: clusters };
    }
    map.on("zoomend moveend", draw);
    draw();
  };
})();
