// Draw the map of a list of events: Natural Earth's country boundaries (world-atlas, served
// from /static/vendor) in an equal-earth projection, and one dot per place, its area growing
// with its events (or, on a page of institutions, with the institutions there: a place may
// bring its own `title`). The places come with the page (a <script type="application/json"> named by
// the section's data-places); nothing is asked of any other server.
(function () {
  "use strict";
  var ATLAS = "/static/vendor/world-atlas/countries-110m.json";
  var SVG = "http://www.w3.org/2000/svg";
  function element(name, attributes) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }
  function draw(section) {
    var holder = document.getElementById(section.dataset.places);
    var svg = section.querySelector("svg.map");
    if (!holder || !svg || typeof d3 === "undefined" || typeof topojson === "undefined") {
      return;
    }
    var places = JSON.parse(holder.textContent);
    var projection = d3.geoEqualEarth().fitSize([960, 500], { type: "Sphere" });
    var path = d3.geoPath(projection);
    fetch(ATLAS).then(function (response) { return response.json(); }).then(function (world) {
      var countries = topojson.feature(world, world.objects.countries);
      svg.appendChild(element("path", { d: path({ type: "Sphere" }), class: "sphere" }));
      var land = element("g", { class: "countries" });
      countries.features.forEach(function (feature) {
        var shape = element("path", { d: path(feature), class: "country" });
        var title = element("title", {});
        title.textContent = feature.properties.name;
        shape.appendChild(title);
        land.appendChild(shape);
      });
      svg.appendChild(land);
      var most = places.reduce(function (m, p) { return Math.max(m, p.events); }, 1);
      var dots = element("g", { class: "places" });
      places.forEach(function (place) {
        var xy = projection([place.lon, place.lat]);
        if (!xy) {
          return;
        }
        var dot = element("circle", {
          cx: xy[0].toFixed(1), cy: xy[1].toFixed(1),
          r: (3 + 12 * Math.sqrt(place.events / most)).toFixed(1),
          class: "place " + place.kind, "data-name": place.name, "data-events": place.events,
        });
        var title = element("title", {});
        title.textContent = place.title || (place.name + " (" + place.country + "): " +
          place.events + " event" + (place.events === 1 ? "" : "s"));
        dot.appendChild(title);
        dots.appendChild(dot);
      });
      svg.appendChild(dots);
      section.dataset.drawn = String(places.length);
    }).catch(function (error) {
      section.dataset.drawn = "error";
      svg.insertAdjacentText("afterend", "The map could not be drawn: " + error);
    });
  }
  document.querySelectorAll("section.event-map[data-places]").forEach(draw);
})();
