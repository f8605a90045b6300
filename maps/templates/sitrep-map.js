/* sitrep-geo maps: drawing of features, basemap, legend and date slider.
 * Our own code. Text from reports only ever reaches the DOM through textContent. */
(function () {
  "use strict";
  var App = (window.SitrepApp = window.SitrepApp || {});

  var EVENT_TYPES = [
    ["Battles", "#c0392b", "B"],
    ["Explosions/Remote violence", "#d35400", "E"],
    ["Violence against civilians", "#7d3c98", "V"],
    ["Protests", "#2471a3", "P"],
    ["Riots", "#9a7d0a", "R"],
    ["Strategic developments", "#117a65", "S"]
  ];
  var OTHER_EVENT = { color: "#626567", glyph: "?" };
  var COARSE = { admin: true, country: true, region: true, zone: true };
  var KIND_LABELS = { place: "Place", zone: "Zone", event: "Event" };

  /* Create an element; `text` is always set with textContent. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  App.el = el;
  App.kindLabel = function (f) { return KIND_LABELS[f.kind] || "Feature"; };

  App.eventStyle = function (type) {
    for (var i = 0; i < EVENT_TYPES.length; i++) {
      if (EVENT_TYPES[i][0] === type) return { color: EVENT_TYPES[i][1], glyph: EVENT_TYPES[i][2] };
    }
    return OTHER_EVENT;
  };

  App.isCoarse = function (f) { return f.kind === "zone" || COARSE[f.precision] === true; };

  App.areaStyle = function (f) {
    if (f.kind === "event") {
      var c = App.eventStyle(f.eventType).color;
      return { color: c, weight: 2, opacity: 0.9, fillColor: c, fillOpacity: 0.25, dashArray: null };
    }
    if (f.kind === "zone") {
      return { color: "#ba4a00", weight: 2, opacity: 0.9, fillColor: "#e67e22", fillOpacity: 0.18, dashArray: "6 4" };
    }
    if (f.precision === "country") {
      return { color: "#566573", weight: 1.5, opacity: 0.8, fillColor: "#85929e", fillOpacity: 0.08, dashArray: null };
    }
    if (f.precision === "region") {
      return { color: "#1e8449", weight: 1.5, opacity: 0.8, fillColor: "#52be80", fillOpacity: 0.1, dashArray: "4 3" };
    }
    return { color: "#1f3a93", weight: 1.5, opacity: 0.8, fillColor: "#5d6d7e", fillOpacity: 0.12, dashArray: "2 3" };
  };

  /* Icon markup below is built from our constants only (never report text). */
  function eventIcon(f, cls) {
    var s = App.eventStyle(f.eventType);
    var svg =
      '<svg width="26" height="34" viewBox="0 0 26 34" aria-hidden="true">' +
      '<path d="M13 1C6.4 1 1 6.2 1 12.6 1 21.4 13 33 13 33S25 21.4 25 12.6C25 6.2 19.6 1 13 1z" ' +
      'fill="' + s.color + '" stroke="#fff" stroke-width="1.5"/>' +
      '<text x="13" y="17" text-anchor="middle" font-size="12" font-weight="700" fill="#fff" ' +
      'font-family="sans-serif">' + s.glyph + "</text></svg>";
    return L.divIcon({ className: "sr-icon sr-event" + cls, html: svg,
      iconSize: [26, 34], iconAnchor: [13, 33], popupAnchor: [0, -30] });
  }

  function pointIcon(f, cls, coarse) {
    var extra = f.kind === "zone" ? " sr-zone-pt" : " sr-place" + (coarse ? " sr-coarse" : "");
    return L.divIcon({ className: "sr-icon" + extra + cls, html: "<span></span>",
      iconSize: [16, 16], iconAnchor: [8, 8], popupAnchor: [0, -6] });
  }

  /* Geometries arrive encoded (maps/_codec.py): each line or ring is a flat list of integers,
   * the first vertex scaled by 10^d, the next ones as differences from the previous one. */
  var DEPTH = { MultiPoint: 0, LineString: 0, MultiLineString: 1, Polygon: 1, MultiPolygon: 2 };
  function decodeCoords(c, depth, scale) {
    if (depth > 0) return c.map(function (item) { return decodeCoords(item, depth - 1, scale); });
    var out = [], x = 0, y = 0;
    for (var i = 0; i + 1 < c.length; i += 2) {
      x += c[i];
      y += c[i + 1];
      out.push([x / scale, y / scale]);
    }
    return out;
  }
  App.decodeGeometry = function (g) {
    if (g.type === "GeometryCollection") return { type: g.type, geometries: g.geometries.map(App.decodeGeometry) };
    if (!(g.type in DEPTH) || g.c === undefined) return g;
    return { type: g.type, coordinates: decodeCoords(g.c, DEPTH[g.type], Math.pow(10, g.d)) };
  };

  /* Lines (rivers, roads, fronts): no fill; places in water blue. */
  App.lineStyle = function (f) {
    if (f.kind === "event") {
      return { color: App.eventStyle(f.eventType).color, weight: 4, opacity: 0.85, dashArray: null };
    }
    if (f.kind === "zone") return { color: "#ba4a00", weight: 3, opacity: 0.9, dashArray: "6 4" };
    return { color: "#2e86c1", weight: 4, opacity: 0.85, dashArray: null };
  };

  var LINES = { LineString: 0, MultiLineString: 1 };
  var AREAS = { Polygon: 1, MultiPolygon: 2 };

  /* One vector part (a GeometryCollection member or a MultiPoint's point), styled by its dimension;
   * each keeps its own style in `srBase` to be restored after highlighting. */
  /* Options of a vector layer in `pane`: drawn on the pane's canvas when the map has many
   * vector layers (App.renderers, set by App.init), else as an SVG path carrying `className`. */
  function vectorOptions(pane, className, style) {
    var renderer = App.renderers && App.renderers[pane];
    return L.extend(renderer ? { pane: pane, renderer: renderer } : { pane: pane, className: className }, style);
  }

  function vectorPart(g, f, pane, cls) {
    var layer, style;
    if (g.type in AREAS) {
      style = App.areaStyle(f);
      layer = L.polygon(L.GeoJSON.coordsToLatLngs(g.coordinates, AREAS[g.type]),
        vectorOptions(pane, "sr-area" + cls, style));
    } else if (g.type in LINES) {
      style = App.lineStyle(f);
      layer = L.polyline(L.GeoJSON.coordsToLatLngs(g.coordinates, LINES[g.type]),
        vectorOptions(pane, "sr-line" + cls, style));
    } else {
      style = L.extend({}, App.areaStyle(f), { weight: 2, fillOpacity: 0.6 });
      layer = L.circleMarker(L.latLng(g.coordinates[1], g.coordinates[0]),
        vectorOptions(pane, "sr-pt" + cls, L.extend({ radius: 6 }, style)));
    }
    layer.srBase = style;
    return layer;
  }

  /* Draw one feature as one layer. Returns {layer, shape}, shape being
   *   "marker": a point (an icon, clustered when dense; or a group of dots for a MultiPoint),
   *   "area":   a polygon, a circle of uncertainty, or a collection with a polygon,
   *   "line":   a (multi)line, or a collection with a line and no polygon. */
  App.drawFeature = function (f) {
    var g = f.geometry;
    var cls = " sr-f-" + Number(f.id) + " sr-kind-" + f.kind;
    var pane = "sr-" + f.kind;
    if (g.type === "Point") {
      var ll = L.latLng(g.coordinates[1], g.coordinates[0]);
      var coarse = App.isCoarse(f);
      if (coarse && f.uncertainty > 0) {
        var circle = L.circle(ll, vectorOptions(pane, "sr-area" + cls,
          L.extend({ radius: f.uncertainty }, App.areaStyle(f))));
        circle.srBase = App.areaStyle(f);
        return { layer: circle, shape: "area" };
      }
      var icon = f.kind === "event" ? eventIcon(f, cls) : pointIcon(f, cls, coarse);
      /* Small place dots stay above event pins, which would otherwise hide them. */
      var marker = L.marker(ll, { icon: icon, title: f.name || "", riseOnHover: true,
        zIndexOffset: f.kind === "event" ? 0 : 500 });
      marker.on("add", function () {
        var node = marker.getElement();
        if (node) node.setAttribute("data-sitrep-id", String(Number(f.id)));
      });
      return { layer: marker, shape: "marker" };
    }
    if (g.type in AREAS || g.type in LINES) {
      return { layer: vectorPart(g, f, pane, cls), shape: g.type in AREAS ? "area" : "line" };
    }
    /* GeometryCollection (members already flattened by Python) or MultiPoint: one group. */
    var parts = g.type === "MultiPoint"
      ? g.coordinates.map(function (c) { return { type: "Point", coordinates: c }; })
      : g.geometries;
    var shape = "marker";
    var group = L.featureGroup(parts.map(function (part) {
      if (part.type in AREAS) shape = "area";
      else if (part.type in LINES && shape !== "area") shape = "line";
      if (part.type === "MultiPoint") {
        return L.featureGroup(part.coordinates.map(function (c) {
          return vectorPart({ type: "Point", coordinates: c }, f, pane, cls);
        }));
      }
      return vectorPart(part, f, pane, cls);
    }));
    return { layer: group, shape: shape };
  };

  /* Put a vector layer (or every part of a group) back to its own style. */
  App.restyle = function (layer) {
    if (layer.srBase) layer.setStyle(layer.srBase);
    else if (layer.eachLayer) layer.eachLayer(App.restyle);
  };

  /* Bounds of a drawn layer (circles are measured without needing the map). */
  App.boundsOf = function (entry) {
    var layer = entry.layer;
    if (layer instanceof L.Circle) return layer.getLatLng().toBounds(2 * layer.getRadius());
    if (layer.getLatLng) { var ll = layer.getLatLng(); return L.latLngBounds(ll, ll); }
    return layer.getBounds();
  };

  /* Offline basemap: country (and province) outlines, rivers, and name labels each shown from
   * its own zoom level: countries first, then provinces, then towns by population. */
  var LABEL_CLASSES = { 1: "sr-town", 2: "sr-admin" };
  App.drawBasemap = function (map, data) {
    var group = L.layerGroup();
    /* Outlines and rivers are painted on one canvas: thousands of vertices as SVG paths
     * under the features' own SVG layers can leave chromium's software raster unfinished
     * (land fills never painted; see scripts/seed_screenshot.py). */
    var renderer = L.canvas({ pane: "sr-basemap" });
    var outlines = L.geoJSON(data.basemap, {
      pane: "sr-basemap", renderer: renderer, interactive: false,
      style: function (o) {
        if (o.properties && o.properties.admin) {
          return { color: "#b8b2a3", weight: 0.7, dashArray: "3 3", fill: false };
        }
        return { color: "#a39e8f", weight: 0.8, fillColor: "#f5f2ea", fillOpacity: 1 };
      }
    });
    group.addLayer(outlines);
    var rivers = (data.basemap.rivers || []).map(function (r) {
      var g = App.decodeGeometry(r.geometry);
      var line = L.polyline(L.GeoJSON.coordsToLatLngs(g.coordinates, g.type === "LineString" ? 0 : 1),
        { pane: "sr-basemap", renderer: renderer, color: "#7fb3d5", weight: 1.5, opacity: 0.9,
          interactive: false });
      group.addLayer(line);
      return line;
    });
    var labels = (data.labels || []).map(function (item) {
      var cls = LABEL_CLASSES[item[4]] || "sr-country";
      var html = el("span", null, item[2]);
      var icon = L.divIcon({ className: cls, html: html, iconSize: null });
      return { minZoom: item[3], marker: L.marker([item[0], item[1]], {
        icon: icon, pane: "sr-labels", interactive: false, keyboard: false }) };
    });
    function update() {
      if (!map.hasLayer(group)) return;
      var zoom = map.getZoom();
      var view = map.getBounds().pad(0.2);
      labels.forEach(function (label) {
        var show = zoom >= label.minZoom && view.contains(label.marker.getLatLng());
        if (show && !group.hasLayer(label.marker)) group.addLayer(label.marker);
        else if (!show && group.hasLayer(label.marker)) group.removeLayer(label.marker);
      });
    }
    map.on("zoomend moveend", update);
    group.on("add", update);
    return { group: group, outlines: outlines, update: update, labels: labels, rivers: rivers,
      renderer: renderer };
  };

  function hasLine(g) {
    return g.type in LINES || (g.type === "GeometryCollection" &&
      g.geometries.some(function (p) { return p.type in LINES; }));
  }

  /* Legend of the event types present, plus the area and line styles (located features only). */
  App.legend = function (features) {
    var types = [];
    var kinds = {};
    features.forEach(function (f) {
      kinds[f.kind] = true;
      if (f.kind === "event" && types.indexOf(f.eventType || "") < 0) types.push(f.eventType || "");
      /* A river's precision says nothing of how an area is drawn. */
      var line = hasLine(f.geometry);
      if (line && f.kind === "place") kinds.placeLine = true;
      if (!line || f.geometry.type === "GeometryCollection") kinds[f.kind + "|" + f.precision] = true;
    });
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = el("div", "sr-legend");
      if (types.length) {
        box.appendChild(el("strong", null, "Events"));
        types.forEach(function (type) {
          var s = App.eventStyle(type);
          var row = el("div", "sr-legend-row");
          var swatch = el("span", "sr-swatch", s.glyph);
          swatch.style.background = s.color;
          row.appendChild(swatch);
          row.appendChild(el("span", null, type || "Other"));
          box.appendChild(row);
        });
      }
      var areas = [["place", "country", "Country"], ["place", "region", "Region"],
        ["zone", "zone", "Zone"]];
      var heading = false;
      areas.forEach(function (a) {
        if (!kinds[a[0] + "|" + a[1]] && !(a[0] === "zone" && kinds.zone)) return;
        if (!heading) box.appendChild(el("strong", "sr-legend-sub", "Places & zones"));
        heading = true;
        var style = App.areaStyle({ kind: a[0], precision: a[1] });
        var row = el("div", "sr-legend-row");
        var swatch = el("span", "sr-swatch sr-swatch-area");
        swatch.style.borderColor = style.color;
        swatch.style.background = style.fillColor;
        swatch.style.borderStyle = style.dashArray ? "dashed" : "solid";
        row.appendChild(swatch);
        row.appendChild(el("span", null, a[2]));
        box.appendChild(row);
      });
      if (kinds["place|town"] || kinds["place|exact"]) {
        if (!heading) box.appendChild(el("strong", "sr-legend-sub", "Places & zones"));
        heading = true;
        var town = el("div", "sr-legend-row");
        town.appendChild(el("span", "sr-swatch sr-swatch-town"));
        town.appendChild(el("span", null, "Town"));
        box.appendChild(town);
      }
      if (kinds.placeLine) {
        if (!heading) box.appendChild(el("strong", "sr-legend-sub", "Places & zones"));
        var line = el("div", "sr-legend-row");
        var stroke = el("span", "sr-swatch sr-swatch-line");
        stroke.style.background = App.lineStyle({ kind: "place" }).color;
        line.appendChild(stroke);
        line.appendChild(el("span", null, "River / line"));
        box.appendChild(line);
      }
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    return control;
  };

  /* "N outside the view": the located features (one per drawn layer) the view does not show,
   * each a link that zooms to it. The count follows every move and zoom; the list is made
   * only while it is open, and holds the first OUTSIDE_LISTED of them. */
  var OUTSIDE_LISTED = 200;
  App.outsideControl = function (map, registry, focus) {
    var control = L.control({ position: "topright" });
    var box = el("div", "sr-outside");
    var summary = el("button", "sr-outside-summary");
    summary.type = "button";
    var list = el("ul", "sr-outside-list");
    list.hidden = true;
    summary.addEventListener("click", function () {
      list.hidden = !list.hidden;
      if (!list.hidden) fill(ids());
    });
    box.appendChild(summary);
    box.appendChild(list);
    control.onAdd = function () {
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    function ids() {
      var view = map.getBounds();
      return Object.keys(registry).filter(function (id) {
        var entry = registry[id];
        return entry.sharedBy[0] === Number(id) && entry.visible && map.hasLayer(entry.group.all) &&
          !view.intersects(App.boundsOf(entry));
      });
    }
    function fill(out) {
      list.textContent = "";
      out.slice(0, OUTSIDE_LISTED).forEach(function (id) {
        var f = registry[id].feature;
        var item = el("li");
        var link = el("a", null, (f.kind === "event" ? (f.eventType || "Event") + ": " : "") +
          (f.name || "Unnamed") + (f.cc ? " (" + f.cc + ")" : ""));
        link.href = "#";
        link.addEventListener("click", function (ev) { ev.preventDefault(); focus(Number(id)); });
        item.appendChild(link);
        list.appendChild(item);
      });
      if (out.length > OUTSIDE_LISTED) list.appendChild(el("li", null, "… and " + (out.length - OUTSIDE_LISTED) + " more"));
    }
    function update() {
      var out = ids();
      box.hidden = !out.length;
      summary.textContent = out.length + (out.length === 1 ? " feature" : " features") + " outside the view";
      if (!list.hidden) fill(out);
    }
    map.on("moveend zoomend resize viewreset overlayadd overlayremove", update);
    return { control: control, update: update, list: function () { return ids().map(Number); } };
  };

  /* Date slider over the sorted distinct event dates; calls onChange(date). */
  App.dateSlider = function (dates, onChange) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = el("div", "sr-dates");
      var text = el("div", "sr-dates-text");
      var input = el("input");
      input.type = "range";
      input.id = "sr-date-range";
      input.min = "0";
      input.max = String(dates.length - 1);
      input.step = "1";
      input.value = input.max;
      input.setAttribute("aria-label", "Show events up to this date");
      function refresh() {
        var date = dates[Number(input.value)];
        text.textContent = "Events up to " + date + " (undated always shown)";
        onChange(date);
      }
      input.addEventListener("input", refresh);
      box.appendChild(text);
      box.appendChild(input);
      text.textContent = "Events up to " + dates[dates.length - 1] + " (undated always shown)";
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    return control;
  };
})();
