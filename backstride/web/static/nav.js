// Opens the "More" links of the main menu on a wide screen, where they fit in one row; a phone
// keeps them behind "More". Without this script the menu still works: "More" opens it.
(function () {
  var wide = window.matchMedia("(min-width: 900px)");
  function fit() {
    document.querySelectorAll("details.nav-more").forEach(function (more) {
      more.open = wide.matches;
    });
  }
  fit();
  wide.addEventListener("change", fit);
})();
