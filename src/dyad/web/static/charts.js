// Draw every chart of the page: an element .chart[data-spec] names the <script> holding its
// Vega-Lite specification (JSON). Vega, Vega-Lite and Vega-Embed are served from /static/vendor.
(function () {
  "use strict";
  function draw(element) {
    var holder = document.getElementById(element.dataset.spec);
    if (!holder || typeof vegaEmbed !== "function") {
      return;
    }
    var spec = JSON.parse(holder.textContent);
    vegaEmbed(element, spec, { actions: false, renderer: "svg" }).catch(function (error) {
      element.textContent = "The chart could not be drawn: " + error;
    });
  }
  document.querySelectorAll(".chart[data-spec]").forEach(draw);
})();
