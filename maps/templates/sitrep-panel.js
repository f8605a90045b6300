/* sitrep-geo maps: the report panel, popups and the place search.
 * Our own code. Every report string is inserted with textContent, never innerHTML. */
(function () {
  "use strict";
  var App = (window.SitrepApp = window.SitrepApp || {});
  var el = App.el;
  var current = null;

  function byId(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function isWebUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url); }

  App.sentenceId = function (doc, key) { return "sr-s-" + Number(doc) + "-" + String(key).replace(/[^0-9a-z]/gi, ""); };

  /* A place named in several reports shares one list of quotes (data.quoteGroups[f.qg]);
   * f.quotes becomes its own quotes then the group's others, made when first read, so the
   * page stays linear in the number of reports. */
  App.groupQuotes = function (data) {
    var groups = data.quoteGroups || [];
    (data.features || []).forEach(function (f) {
      if (typeof f.qg !== "number" || !groups[f.qg]) return;
      var own = f.quotes || [];
      var merged = null;
      Object.defineProperty(f, "quotes", {
        configurable: true,
        enumerable: true,
        get: function () {
          if (merged) return merged;
          var mine = {};
          own.forEach(function (r) { mine[r[0] + "|" + r[1]] = true; });
          merged = own.concat(groups[f.qg].filter(function (r) { return !mine[r[0] + "|" + r[1]]; }));
          return merged;
        }
      });
    });
  };

  /* Index every linked sentence: App.sentences[doc][key] = {text, f: [feature ids]}. */
  App.indexSentences = function (docs) {
    if (App.data && App.data.docs === docs) App.groupQuotes(App.data);
    App.sentences = docs.map(function (doc) {
      var table = {};
      (doc.parts || []).concat(doc.quotes || []).forEach(function (part) {
        if (typeof part === "string") return;
        var text = part.p.map(function (p) { return typeof p === "string" ? p : p.m; }).join("");
        table[part.k] = { text: text, f: part.f };
      });
      return table;
    });
  };

  App.docIndex = function (ref) {
    if (typeof ref === "number") return ref >= 0 && ref < App.data.docs.length ? ref : -1;
    for (var i = 0; i < App.data.docs.length; i++) if (App.data.docs[i].id === ref) return i;
    return -1;
  };

  function docTitle(doc) { return doc.title || doc.id; }

  /* A link if the address is http(s), plain text otherwise. */
  function sourceNode(doc) {
    if (isWebUrl(doc.url)) {
      var a = el("a", "sr-source", docTitle(doc));
      a.href = doc.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", "sr-source", docTitle(doc));
  }

  function sentenceNode(doc, part, tag) {
    var node = el(tag, "sr-sent");
    node.id = App.sentenceId(doc, part.k);
    node.setAttribute("data-doc", String(doc));
    node.setAttribute("data-sentence", String(part.k));
    node.setAttribute("role", "button");
    node.tabIndex = 0;
    node.title = "Show on the map";
    part.p.forEach(function (p) {
      if (typeof p === "string") { node.appendChild(document.createTextNode(p)); return; }
      var mark = el("mark", "sr-mention sr-m-" + String(p.t || "").replace(/[^a-z]/gi, ""), p.m);
      node.appendChild(mark);
      if (p.u) {
        /* The name was found but could not be located: nothing on the map for it. */
        mark.classList.add("sr-m-unlocated");
        mark.title = "Not located on the map";
        node.appendChild(el("span", "sr-note", "not located"));
      }
    });
    function go(ev) {
      if (ev.type === "keydown" && ev.key !== "Enter" && ev.key !== " ") return;
      ev.preventDefault();
      App.flyToSentence(doc, part.k);
    }
    node.addEventListener("click", go);
    node.addEventListener("keydown", go);
    return node;
  }

  /* Features without geometry reported in document `doc`: [{f, key}], key = its sentence here. */
  function unlocatedOf(doc) {
    var out = [];
    (App.unlocated || []).forEach(function (id) {
      var f = App.data.features[id];
      var ref = (f.quotes || []).filter(function (r) { return r[0] === doc; })[0];
      if (ref || f.doc === doc) out.push({ f: f, key: ref ? ref[1] : null });
    });
    return out;
  }

  /* The list of names that could not be located, each linked to its sentence. */
  function unlocatedNode(doc, items) {
    var box = el("section", "sr-unlocated");
    box.appendChild(el("h3", null, "Not located on the map (" + items.length + ")"));
    var list = el("ul");
    items.forEach(function (item) {
      var li = el("li");
      var name = el(item.key === null ? "span" : "button", "sr-unloc-name", item.f.name || "Unnamed");
      if (item.key !== null) {
        name.type = "button";
        name.title = "Show in the report";
        name.addEventListener("click", function () { App.showSentence(doc, item.key); });
      }
      li.appendChild(name);
      li.appendChild(el("span", "sr-note", "not located"));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  /* Show document `doc` (index) in the panel. */
  App.showDoc = function (doc) {
    var data = App.data.docs[doc];
    if (!data) return false;
    var box = byId("sr-doc");
    clear(box);
    var head = el("header", "sr-doc-head");
    head.appendChild(el("h2", null, docTitle(data)));
    var meta = el("div", "sr-meta");
    if (data.published) meta.appendChild(el("span", "sr-date", data.published));
    if (isWebUrl(data.url)) meta.appendChild(sourceNode(data));
    else if (data.url || data.path) meta.appendChild(el("span", "sr-path", data.url || data.path));
    meta.appendChild(el("span", "sr-docid", "id: " + data.id));
    head.appendChild(meta);
    box.appendChild(head);
    var missing = unlocatedOf(doc);
    if (missing.length) box.appendChild(unlocatedNode(doc, missing));
    if (data.mode === "text") {
      var text = el("div", "sr-text");
      data.parts.forEach(function (part) {
        text.appendChild(typeof part === "string" ? document.createTextNode(part) : sentenceNode(doc, part, "span"));
      });
      box.appendChild(text);
    }
    if (data.quotes && data.quotes.length) {
      box.appendChild(el("h3", "sr-quotes-head",
        data.mode === "text" ? "Quotes not found in the text" : "Quotes (full text not included)"));
      data.quotes.forEach(function (part) {
        box.appendChild(sentenceNode(doc, part, "blockquote"));
      });
    }
    var select = byId("sr-switch");
    if (select) select.value = String(doc);
    App.currentDoc = doc;
    current = null;
    return true;
  };

  /* Mark a sentence as the current one (and scroll the panel to it). */
  App.markSentence = function (doc, key, scroll) {
    var node = byId(App.sentenceId(doc, key));
    if (!node) return null;
    if (current && current !== node) current.classList.remove("sr-current");
    node.classList.add("sr-current");
    current = node;
    if (scroll) node.scrollIntoView({ block: "center" });
    return node;
  };

  /* Popup link target: switch report if needed, scroll to the sentence and flash it. */
  App.showSentence = function (docRef, key) {
    var doc = App.docIndex(docRef);
    if (doc < 0) return false;
    if (App.currentDoc !== doc) App.showDoc(doc);
    var node = App.markSentence(doc, key, true);
    if (!node) return false;
    node.classList.remove("sr-flash");
    void node.offsetWidth;
    node.classList.add("sr-flash");
    return true;
  };

  App.initSwitcher = function () {
    var docs = App.data.docs;
    var select = byId("sr-switch");
    if (!select || docs.length < 2) return;
    docs.forEach(function (doc, i) {
      var option = el("option", null, docTitle(doc));
      option.value = String(i);
      select.appendChild(option);
    });
    select.addEventListener("change", function () { App.showDoc(Number(select.value)); });
    byId("sr-switch-label").hidden = false;
  };

  function meters(value) {
    return value >= 1000 ? (Math.round(value / 100) / 10) + " km" : Math.round(value) + " m";
  }

  /* Popup content of a feature, as a DOM element; `reports` > 1 when its layer stands for the
   * same place in that many reports. */
  App.popup = function (f, reports) {
    var box = el("div", "sr-popup");
    var line = [App.kindLabel(f)];
    if (f.precision) line.push(f.precision);
    if (typeof f.confidence === "number") line.push("confidence " + Math.round(f.confidence * 100) + "%");
    box.appendChild(el("div", "sr-pop-kind", line.join(" · ")));
    box.appendChild(el("h3", null, f.kind === "event" ? (f.eventType || "Event") : (f.name || "Unnamed")));
    var dl = el("dl");
    function row(label, value) {
      if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
      dl.appendChild(el("dt", null, label));
      dl.appendChild(el("dd", null, Array.isArray(value) ? value.join(", ") : value));
    }
    /* What was decided, in words (maps/_words.py): place, precision, date, count, sources. */
    var said = {};
    (f.said || []).forEach(function (r) { said[r[0]] = true; row(r[0], r[1]); });
    if (f.kind === "event") {
      row("What", f.name);
      row("Sub-type", f.subEventType);
      row("Trigger", f.trigger);
      if (!said.Count) row("Count", f.count);
      if (!said.Date) row("Date", f.date);
      row("Actors", f.actors);
    }
    row("Derivation", f.derivation);
    if (f.uncertainty > 0 && !said.Uncertainty) row("Uncertainty", "± " + meters(f.uncertainty));
    row("Gazetteer", f.gid);
    if (reports > 1) row("Named", reports + " times (every report's sentence below)");
    if (!said["Placed at"] && !said.In) row("Country", f.cc);
    if (dl.firstChild) box.appendChild(dl);
    var many = App.data.docs.length > 1;
    (f.quotes || []).forEach(function (ref) {
      var sentence = App.sentences[ref[0]] && App.sentences[ref[0]][ref[1]];
      if (!sentence) return;
      var quote = el("blockquote", "sr-quote", sentence.text);
      box.appendChild(quote);
      var doc = App.data.docs[ref[0]];
      var link = el("a", "sr-jump", many ? "Show in report: " + docTitle(doc) : "Show in report");
      link.href = "#" + App.sentenceId(ref[0], ref[1]);
      link.addEventListener("click", function (ev) {
        ev.preventDefault();
        App.showSentence(ref[0], ref[1]);
      });
      box.appendChild(link);
    });
    var own = App.data.docs[f.doc];
    if (own) {
      var src = el("div", "sr-pop-source");
      src.appendChild(document.createTextNode("Source: "));
      src.appendChild(sourceNode(own));
      if (own.published) src.appendChild(document.createTextNode(" (" + own.published + ")"));
      box.appendChild(src);
    }
    return box;
  };

  /* Lower case without accents or apostrophe-like marks, for matching names. */
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f\u02bb-\u02bf\u2018\u2019'`]/g, "")
      .toLocaleLowerCase();
  }
  App.fold = fold;

  /* Search over feature names: input + list; choosing a hit zooms to it. */
  App.initSearch = function (features, focus) {
    var input = byId("sr-search");
    var list = byId("sr-results");
    if (!input || !list) return;
    /* A place is found by its gazetteer name ("Tall Abyaḑ") and by the names as the
     * reports wrote them ("Tel Abyad"), without regard to case, accents or ‘ayn marks. */
    var seen = {};
    var entries = [];
    features.forEach(function (f) {
      if (!f.name) return;
      var id = f.kind + "|" + (f.gid || fold(f.name));
      var entry = seen[id];
      if (!entry) {
        entry = seen[id] = { f: f, key: fold(f.name), keys: [fold(f.name)], written: {} };
        entries.push(entry);
      }
      (f.aka || []).forEach(function (name) {
        var key = fold(name);
        if (entry.keys.indexOf(key) < 0) { entry.keys.push(key); entry.written[key] = name; }
      });
    });
    function update() {
      var q = fold(input.value.trim());
      clear(list);
      if (!q) { list.hidden = true; return; }
      var hits = [];
      entries.forEach(function (e) {
        var rank = 2;
        var via = null;
        e.keys.forEach(function (key) {
          var at = key.indexOf(q);
          if (at < 0 || (at === 0 ? 0 : 1) >= rank) return;
          rank = at === 0 ? 0 : 1;
          via = key === e.key ? null : e.written[key];
        });
        if (rank < 2) hits.push({ e: e, rank: rank, via: via });
      });
      hits.sort(function (a, b) {
        return a.rank - b.rank || (a.e.key < b.e.key ? -1 : a.e.key > b.e.key ? 1 : 0);
      });
      hits.slice(0, 12).forEach(function (hit) {
        var e = hit.e;
        var item = el("li");
        var button = el("button", "sr-hit");
        button.type = "button";
        var name = el("span", "sr-hit-name", e.f.name);
        if (hit.via) name.appendChild(el("span", "sr-hit-aka", " “" + hit.via + "”"));
        button.appendChild(name);
        var where = e.f.geometry ? (e.f.cc ? " · " + e.f.cc : "") : " · not located";
        button.appendChild(el("span", "sr-hit-kind", App.kindLabel(e.f) + where));
        button.addEventListener("click", function () {
          list.hidden = true;
          /* A name not located has no layer: show its sentence instead. */
          var ref = (e.f.quotes || [])[0];
          if (!focus(e.f.id) && ref) App.showSentence(ref[0], ref[1]);
        });
        item.appendChild(button);
        list.appendChild(item);
      });
      if (!hits.length) list.appendChild(el("li", "sr-nohit", "No match"));
      list.hidden = false;
    }
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        var first = list.querySelector("button");
        if (first) first.click();
      } else if (ev.key === "Escape") {
        input.value = "";
        update();
      }
    });
  };
})();
