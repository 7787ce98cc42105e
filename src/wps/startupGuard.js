/* Inlined at the end of <body> of the WPS add-in's pages (index.html, taskpane.html; see
   webpack.wps.config.js), so it must parse in any webview WPS may embed: ES5 syntax only.
   The bundles are lowered to WPS_TARGET syntax (ES2017 by default), but lowering supplies no
   missing built-in: each one below is used by the bundles and is checked here
   (test/wpsBuild.test.ts finds the ones the bundles use). Where one is missing the pane shows a
   Chinese message instead of a blank page, and on index.html every ribbon button says it
   instead of doing nothing (this script runs after main.js there and replaces its callbacks).
   WPS does not document its webview's version (docs/wps-addin.md §2). */
(function () {
  var container = document.getElementById("container");
  var missing = [];
  function need(name, present) {
    if (!present) missing.push(name);
  }
  /* Both bundles (main.js and the pane's). */
  need("Promise", typeof window.Promise === "function");
  need("Object.fromEntries", typeof Object.fromEntries === "function");
  need("Array.prototype.flatMap", typeof Array.prototype.flatMap === "function");
  need("String.prototype.matchAll", typeof String.prototype.matchAll === "function");
  /* The pane's only: Fluent UI's focus management (tabster, keyborg) keeps WeakRefs. */
  if (container) need("WeakRef", typeof window.WeakRef === "function");
  if (!missing.length) return;

  var title = "此版本 WPS 表格无法运行「绩效自评核算」";
  var detail = "WPS 自带的网页组件版本过旧，缺少 " + missing.join("、") +
    "。请把 WPS 表格升级到最新版本；仍不行时，请把这段话发给信息中心。";
  if (window.console) window.console.error("[核算助手] this WPS webview lacks " + missing.join(", ") + ": the add-in cannot run here");

  if (!container) {
    /* index.html: the ribbon's callbacks, as main.js would define them (src/wps/main.ts). */
    var say = function () {
      try {
        window.alert(title + "\n" + detail);
      } catch (e) {
        /* no message box either: nothing more can be shown */
      }
      return true;
    };
    var loaded = function () { return true; };
    var image = function () { return "assets/icon-32.png"; };
    window.OnAddinLoad = loaded;
    window.OnAction = say;
    window.GetImage = image;
    window.ribbon = { OnAddinLoad: loaded, OnAction: say, GetImage: image };
    return;
  }
  container.style.display = "none";
  var box = document.createElement("div");
  box.id = "legacy-webview";
  box.setAttribute("role", "alert");
  box.style.padding = "16px";
  box.style.fontFamily = "'Microsoft YaHei', 'PingFang SC', sans-serif";
  var p1 = document.createElement("p");
  p1.style.fontWeight = "bold";
  p1.appendChild(document.createTextNode(title));
  var p2 = document.createElement("p");
  p2.appendChild(document.createTextNode(detail));
  box.appendChild(p1);
  box.appendChild(p2);
  document.body.appendChild(box);
})();
