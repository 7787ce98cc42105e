/* Inlined at the end of each add-in page's <body> (see scripts/webpack/addinPages.js), so it
   must parse in Internet Explorer 11: ES3 syntax only. Volume-licensed Office 2016/2019 and
   Office without WebView2 run add-ins in Trident (IE11) or EdgeHTML (Edge Legacy), where the
   bundle does not even parse; instead of a blank pane, say what is needed. Microsoft's advice:
   https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins
   It tests what the bundle needs (ES2020 syntax, WeakRef: Chromium 84+, Safari 14.1+) plus
   the two engines by name. */
(function () {
  var ua = navigator.userAgent || "";
  var legacy = !!document.documentMode || /Trident\/|Edge\/\d/.test(ua) ||
    typeof window.WeakRef !== "function" || typeof String.prototype.replaceAll !== "function";
  if (!legacy) return;
  /* office.js waits for Office.initialize or Office.onReady; the bundle that calls it cannot run. */
  if (window.Office) window.Office.initialize = function () {};
  var app = document.getElementById("container");
  if (app) app.style.display = "none";
  var box = document.createElement("div");
  box.id = "legacy-webview";
  box.setAttribute("role", "alert");
  box.style.padding = "16px";
  box.style.fontFamily = "'Microsoft YaHei', 'Segoe UI', sans-serif";
  var title = document.createElement("p");
  title.style.fontWeight = "bold";
  title.appendChild(document.createTextNode("需要 Microsoft 365 或 Office 2021 及以上版本"));
  var why = document.createElement("p");
  why.appendChild(document.createTextNode(
    "此版本 Office 用 Internet Explorer 或旧版 Edge 显示加载项，无法运行本面板；请升级 Office（Windows 上还需要 Microsoft Edge WebView2）。"));
  box.appendChild(title);
  box.appendChild(why);
  document.body.appendChild(box);
})();
