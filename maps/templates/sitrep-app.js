/* sitrep-geo maps: wiring of map, layers, panel and the window.SITREP test/automation hook.
 *
 * window.SITREP (set once the page is ready):
 *   features       number of input features (located or not)
 *   located        features drawn; each located feature has exactly one layer
 *   unlocated      features with a null geometry: listed in the panel, not drawn
 *                  (unlocatedIds: their ids) -> located + unlocated === features
 *   markers        layers drawn as point markers (icons; clustered when a kind has
 *                  25 point features or more)
 *   areas          layers drawn as areas (polygons, circles of uncertainty)
 *   lines          layers drawn as lines (rivers, roads)
 *                  -> markers + areas + lines === located
 *   canvas         true when areas and lines are painted on canvases (CANVAS_FROM of them or
 *                  more), false when each is an SVG path with the classes sr-area/sr-line sr-f-<id>
 *   basemap        {group, outlines, rivers: [layers], labels, update} or null; the outlines
 *                  and rivers are painted on one canvas
 *   kinds          {place, zone, event} feature counts by kind (located or not)
 *   layers         {id: {feature, layer, shape: "marker"|"area"|"line", visible, sharedBy}}
 *                  (located only); a place named in several reports (one quote group) with
 *                  the same shape is drawn once: its features share that layer, and
 *                  sharedBy lists their ids (the first one's popup quotes every report)
 *   docs           document ids in panel order
 *   map            the Leaflet map
 *   flyToSentence(docId|docIndex, sentenceKey) -> number of features highlighted; the map
 *                  frames those at most FOCUS_DEG across if any (a town rather than the
 *                  country also named), else all of them
 *   showSentence(docId|docIndex, sentenceKey)  -> scroll the panel to it
 *   focusFeature(id), selectReport(docId|docIndex), setDateFilter("YYYY-MM-DD"|null),
 *   visibleEvents(), highlighted()
 *   outside()      ids of the visible located features lying wholly outside the current view
 *                  (listed by the "outside the view" control; the first view frames the
 *                  heaviest cluster of features, see maps/_view.py)
 *   ready          true once the first view has been drawn (two animation frames after init
 *                  and after the markers' clusters are made)
 *   readyMs        milliseconds from the start of navigation to ready (benchmarks/map_bench.py)
 */
(function () {
  "use strict";
  var App = (window.SitrepApp = window.SitrepApp || {});
  var PANES = [["sr-basemap", 250], ["sr-place", 410], ["sr-zone", 420], ["sr-event", 430], ["sr-labels", 450]];
  var KINDS = [["place", "Places"], ["zone", "Zones"], ["event", "Events"]];
  var FIT = { padding: [28, 28], maxZoom: 10 };
  var CLUSTER_FROM = 25;
  /* From this many areas and lines on, features are painted on one canvas per pane instead of
   * one SVG path each: thousands of paths make the page slow to draw and to move. */
  var CANVAS_FROM = 150;
  var FOCUS_DEG = 0.5; /* "precise": at most this many degrees of latitude across (~55 km) */

  /* Size of bounds in degrees of latitude (east-west degrees shrink with the latitude). */
  function spanDeg(bounds) {
    var south = bounds.getSouth(), north = bounds.getNorth();
    var cos = Math.cos((south + north) * Math.PI / 360);
    return Math.max(north - south, (bounds.getEast() - bounds.getWest()) * cos);
  }

  App.init = function (map, dataNode, tiles) {
    var data = JSON.parse(dataNode.textContent);
    App.data = data;
    /* Decode geometries; a shape written once (a country) is shared by reference. */
    if (data.basemap) data.basemap.features.forEach(function (o) { o.geometry = App.decodeGeometry(o.geometry); });
    data.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) return;
      if (g.basemap !== undefined) f.geometry = data.basemap.features[g.basemap].geometry;
      else if (g.same !== undefined) f.geometry = data.features[g.same].geometry;
      else f.geometry = App.decodeGeometry(g);
    });
    App.map = map;
    /* No tile layer is on by default, so the map itself must bound the zoom. */
    map.options.minZoom = 1;
    map.options.maxZoom = 18;
    PANES.forEach(function (p) { map.createPane(p[0]).style.zIndex = String(p[1]); });

    var registry = {};
    var counts = { marker: 0, area: 0, line: 0 };
    var unlocated = [];
    var drawnKinds = {};
    var kinds = { place: 0, zone: 0, event: 0 };
    var groups = {};
    var pointsOf = {};
    var vectors = 0;
    var keys = 0;
    var first = {};  /* share key -> the feature whose layer its place's others share */
    data.features.forEach(function (f) {
      if (!f.geometry) return;
      var key = shareKey(f);
      if (key !== null && first[key] !== undefined) { f.srShares = first[key]; return; }
      if (key !== null) first[key] = f.id;
      if (f.geometry.type !== "Point") vectors += 1;
      else if (App.isCoarse(f) && f.uncertainty > 0) vectors += 1;  /* a circle */
      else pointsOf[f.kind] = (pointsOf[f.kind] || 0) + 1;
    });
    App.renderers = null;
    if (vectors >= CANVAS_FROM) {
      App.renderers = {};
      KINDS.forEach(function (k) {
        var pane = "sr-" + k[0];
        App.renderers[pane] = L.canvas({ pane: pane });
      });
    }
    KINDS.forEach(function (k) {
      /* Dense layers are clustered; a handful of markers stays readable as is. */
      var dense = (pointsOf[k[0]] || 0) >= CLUSTER_FROM;
      var cluster = dense ? L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false,
        spiderfyOnMaxZoom: true, chunkedLoading: true }) : L.featureGroup();
      var areas = L.featureGroup();
      groups[k[0]] = { cluster: cluster, areas: areas, all: L.layerGroup([areas, cluster]) };
    });
    var highlighted = [];
    var pending = { place: [], zone: [], event: [] };  /* markers, added to their group at once */

    /* A place named in several reports (one quote group, see App.groupQuotes) is drawn once
     * per shape: its features share that layer, whose popup quotes every report. */
    function shareKey(f) {
      var g = f.geometry;
      if (f.kind !== "place" || typeof f.qg !== "number") return null;
      if (g.type === "Point") {
        return f.qg + "|" + g.coordinates[0] + "," + g.coordinates[1] + "|" + (f.precision || "") +
          "|" + (f.uncertainty || 0);
      }
      if (g.srKey === undefined) g.srKey = ++keys;  /* a shape written once is one object */
      return f.qg + "|#" + g.srKey;
    }

    data.features.forEach(function (f) {
      kinds[f.kind] += 1;
      if (!f.geometry) { unlocated.push(f.id); return; }
      if (f.srShares !== undefined) {
        var owner = registry[f.srShares];
        owner.sharedBy.push(f.id);
        registry[f.id] = { feature: f, layer: owner.layer, shape: owner.shape, visible: true,
          container: owner.container, group: owner.group, sharedBy: owner.sharedBy };
        counts[owner.shape] += 1;
        return;
      }
      var drawn = App.drawFeature(f);
      var group = groups[f.kind];
      var icon = drawn.layer instanceof L.Marker;
      var entry = { feature: f, layer: drawn.layer, shape: drawn.shape, visible: true,
        container: icon ? group.cluster : group.areas, group: group, sharedBy: [f.id] };
      drawn.layer.bindPopup(function () { return App.popup(f, entry.sharedBy.length); },
        { maxWidth: 340, minWidth: 220 });
      if (icon) {
        drawn.layer.on("add", function () {
          var node = drawn.layer.getElement();
          var lit = entry.sharedBy.some(function (id) { return highlighted.indexOf(id) >= 0; });
          if (node && lit) node.classList.add("sr-hl");
        });
      }
      if (icon) pending[f.kind].push(drawn.layer);
      else entry.container.addLayer(drawn.layer);
      registry[f.id] = entry;
      counts[drawn.shape] += 1;
      drawnKinds[f.kind] = true;
    });
    /* Markers are clustered in bulk, in chunks once their group is on the map: the page is
     * ready when every chunk is in. */
    var clustering = 0;
    var whenClustered = [];
    KINDS.forEach(function (k) {
      var cluster = groups[k[0]].cluster;
      if (cluster.addLayers && pending[k[0]].length && drawnKinds[k[0]]) {
        clustering += 1;
        cluster.options.chunkProgress = function (done, total) {
          if (done < total) return;
          cluster.options.chunkProgress = null;
          clustering -= 1;
          if (!clustering) whenClustered.splice(0).forEach(function (fn) { fn(); });
        };
        cluster.addLayers(pending[k[0]]);
      } else {
        pending[k[0]].forEach(function (layer) { cluster.addLayer(layer); });
      }
    });
    var located = data.features.filter(function (f) { return !!f.geometry; });
    App.unlocated = unlocated;

    /* First view: the heaviest cluster of the story (maps/_view.py), not every outlier. Set
     * before any layer is on the map, so that nothing is drawn (or clustered) twice. */
    var view = data.view && data.view.bounds ? L.latLngBounds(data.view.bounds) : null;
    var all = L.latLngBounds([]);
    Object.keys(registry).forEach(function (id) { all.extend(App.boundsOf(registry[id])); });
    if (view && view.isValid()) map.fitBounds(view, FIT);
    else if (all.isValid()) map.fitBounds(all, FIT);
    else map.setView([20, 20], 2);

    var overlays = {};
    var basemap = null;
    if (data.basemap) {
      basemap = App.drawBasemap(map, data);
      basemap.group.addTo(map);
      overlays["Basemap: outlines, rivers, towns"] = basemap.group;
    }
    (tiles || []).forEach(function (t) { overlays[t[0]] = t[1]; });
    KINDS.forEach(function (k) {
      if (!drawnKinds[k[0]]) return;
      groups[k[0]].all.addTo(map);
      overlays[k[1]] = groups[k[0]].all;
    });
    L.control.layers(null, overlays, { collapsed: true }).addTo(map);
    if (located.length) App.legend(located).addTo(map);

    /* Tiles under a light basemap would be hidden: thin the fill while one is on. */
    var tileLayers = (tiles || []).map(function (t) { return t[1]; });
    function tilesChanged() {
      if (!basemap) return;
      var on = tileLayers.some(function (t) { return map.hasLayer(t); });
      basemap.outlines.setStyle({ fillOpacity: on ? 0.12 : 1 });
    }
    map.on("layeradd layerremove", function (ev) {
      if (tileLayers.indexOf(ev.layer) >= 0) tilesChanged();
    });

    function unhighlight(id) {
      var entry = registry[id];
      if (!entry) return;
      if (entry.layer.setStyle) App.restyle(entry.layer);
      else {
        var node = entry.layer.getElement();
        if (node) node.classList.remove("sr-hl");
      }
    }
    function highlight(ids) {
      highlighted.slice().forEach(unhighlight);
      highlighted = ids.slice();
      ids.forEach(function (id) {
        var entry = registry[id];
        if (entry.layer.setStyle) {
          entry.layer.setStyle({ color: "#f1c40f", weight: entry.shape === "line" ? 6 : 4, opacity: 1 });
          if (entry.layer._map) entry.layer.bringToFront();
        } else {
          var node = entry.layer.getElement();
          if (node) node.classList.add("sr-hl");
        }
      });
    }

    function boundsOfIds(ids) {
      var bounds = L.latLngBounds([]);
      ids.forEach(function (id) { bounds.extend(App.boundsOf(registry[id])); });
      return bounds;
    }
    function ensureShown(entry) {
      if (!map.hasLayer(entry.group.all)) map.addLayer(entry.group.all);
    }

    function flyToSentence(docRef, key) {
      var doc = App.docIndex(docRef);
      var sentence = doc >= 0 && App.sentences[doc][String(key)];
      if (!sentence) return 0;
      if (App.currentDoc !== doc) App.showDoc(doc);
      App.markSentence(doc, String(key), false);
      var ids = sentence.f.filter(function (id) { return registry[id] && registry[id].visible; });
      if (!ids.length) return 0;
      ids.forEach(function (id) { ensureShown(registry[id]); });
      /* Frame the sentence's precise features (a town, a zone around it), not the country
       * or the 900 km border strip it also names; all of them are highlighted. */
      var precise = ids.filter(function (id) { return spanDeg(App.boundsOf(registry[id])) <= FOCUS_DEG; });
      map.flyToBounds(boundsOfIds(precise.length ? precise : ids),
        { padding: [40, 40], maxZoom: 10, duration: 0.6 });
      highlight(ids);
      return ids.length;
    }

    function focusFeature(id) {
      var entry = registry[id];
      if (!entry || !entry.visible) return false;
      ensureShown(entry);
      highlight([id]);
      var icon = entry.layer instanceof L.Marker;
      if (icon && entry.container.zoomToShowLayer) {
        entry.container.zoomToShowLayer(entry.layer, function () { entry.layer.openPopup(); });
      } else if (icon) {
        map.setView(entry.layer.getLatLng(), Math.max(map.getZoom(), FIT.maxZoom), { animate: false });
        entry.layer.openPopup();
      } else {
        map.fitBounds(App.boundsOf(entry), FIT);
        entry.layer.openPopup();
      }
      return true;
    }

    function setDateFilter(upTo) {
      Object.keys(registry).forEach(function (id) {
        var entry = registry[id];
        if (entry.feature.kind !== "event") return;
        var show = !upTo || !entry.feature.date || entry.feature.date <= upTo;
        if (show === entry.visible) return;
        if (show) entry.container.addLayer(entry.layer);
        else entry.container.removeLayer(entry.layer);
        entry.visible = show;
      });
    }

    App.flyToSentence = flyToSentence;
    App.focusFeature = focusFeature;

    var dates = [];
    located.forEach(function (f) {
      if (f.kind === "event" && f.date && dates.indexOf(f.date) < 0) dates.push(f.date);
    });
    dates.sort();
    if (dates.length) App.dateSlider(dates, setDateFilter).addTo(map);

    App.indexSentences(data.docs);
    byIdText("sr-title", data.title);
    App.initSwitcher();
    if (data.docs.length) App.showDoc(0);
    App.initSearch(data.features, focusFeature);

    if (basemap) basemap.update();
    var outside = App.outsideControl(map, registry, focusFeature);
    outside.control.addTo(map);
    outside.update();

    window.SITREP = {
      map: map,
      features: data.features.length,
      located: located.length,
      unlocated: unlocated.length,
      unlocatedIds: unlocated.slice(),
      markers: counts.marker,
      areas: counts.area,
      lines: counts.line,
      canvas: !!App.renderers,
      basemap: basemap,
      kinds: kinds,
      layers: registry,
      docs: data.docs.map(function (d) { return d.id; }),
      flyToSentence: flyToSentence,
      showSentence: App.showSentence,
      focusFeature: focusFeature,
      selectReport: function (ref) { var d = App.docIndex(ref); return d >= 0 && App.showDoc(d); },
      setDateFilter: setDateFilter,
      visibleEvents: function () {
        return Object.keys(registry).filter(function (id) {
          return registry[id].feature.kind === "event" && registry[id].visible;
        }).length;
      },
      highlighted: function () { return highlighted.slice(); },
      outside: outside.list,
      readyMs: null,
      ready: false
    };
    /* Ready once the first view has been drawn (two frames later), not merely built. */
    function drawn() {
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          window.SITREP.readyMs = Math.round(performance.now());
          window.SITREP.ready = true;
        });
      });
    }
    if (clustering) whenClustered.push(drawn);
    else drawn();
  };

  function byIdText(id, text) {
    var node = document.getElementById(id);
    if (node) node.textContent = text || "";
  }
})();
