// Offers this device's own time zone beside the profile's time-zone field, in one tap.
document.querySelectorAll("button[data-browser-zone]").forEach(function (button) {
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    zone = "";
  }
  var field = document.getElementById(button.getAttribute("data-browser-zone"));
  if (!zone || !field || field.value === zone) {
    return;
  }
  button.textContent = "Use this device's time zone: " + zone;
  button.hidden = false;
  button.addEventListener("click", function () {
    field.value = zone;
    button.hidden = true;
  });
});
