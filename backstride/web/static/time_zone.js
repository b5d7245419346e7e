// Fills hidden time-zone fields with the browser's own zone, so "today" is the runner's today.
document.querySelectorAll("input[data-time-zone]").forEach(function (field) {
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    field.value = "";
  }
});
