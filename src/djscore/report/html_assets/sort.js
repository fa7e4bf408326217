// Sort a table by the clicked column; click again to reverse. Numeric columns compare the
// cell's data-v number; empty cells (rows that could not be scored) always stay last.
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    var button = th.querySelector("button");
    if (!button) { return; }
    var numeric = th.getAttribute("data-type") === "num";
    button.addEventListener("click", function () {
      // Numbers start high-to-low (best first), text starts A-Z.
      var ascending = th.getAttribute("aria-sort") ? th.getAttribute("aria-sort") === "descending" : !numeric;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[column];
        var value = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent.trim();
        if (value === "") { return null; }
        return numeric ? parseFloat(value) : value;
      };
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === null || y === null) { return (x === null) - (y === null); }
        var order = numeric ? x - y : x.localeCompare(y, "zh-CN");
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
