// Draw every chart of the page: an element .chart[data-spec] names the <script> holding its
// Vega-Lite specification (JSON). Vega, Vega-Lite and Vega-Embed are served from /static/vendor.
// Also: choosing another period (select#period) sends its form at once (no inline handler: the
// pages' content security policy runs only scripts from the server).
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
(function () {
  "use strict";
  var period = document.getElementById("period");
  if (period && period.form) {
    period.addEventListener("change", function () { period.form.submit(); });
  }
})();
