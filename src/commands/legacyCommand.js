/* Inlined at the end of commands.html's <body> (scripts/webpack/addinPages.js), so it must parse
   in Internet Explorer 11: ES5 syntax only (test/ribbonLegacy.test.ts parses it as ES5).
   Volume-licensed Office 2016/2019 and Office without WebView2 run the ribbon's function file in
   Trident (IE11) or EdgeHTML, where the ES2020 bundle does not parse and 「一键核算」 would do
   nothing. Here the command still answers: it shows, in the same dialog commands.ts uses, what is
   needed, and calls event.completed().
   How Office finds the command: newer runtimes through Office.actions.associate (associated here
   too, where it exists); older ones call the global function named by the manifest's
   <FunctionName> ("The name of the function must match the value of the FunctionName element":
   https://learn.microsoft.com/en-us/javascript/api/manifest/functionfile,
   https://learn.microsoft.com/en-us/office/dev/add-ins/develop/create-addin-commands).
   Opened with ?message=… it is the dialog itself and shows that message (commands.ts cannot run
   there either). The test of what is legacy is legacyWebview.js's. */
(function () {
  var ua = navigator.userAgent || "";
  var legacy = !!document.documentMode || /Trident\/|Edge\/\d/.test(ua) ||
    typeof window.WeakRef !== "function" || typeof String.prototype.replaceAll !== "function";
  if (!legacy) return;
  var Office = window.Office;
  var TEXT = "需要 Microsoft 365 或 Office 2021 及以上版本。此版本 Office 用 Internet Explorer 或旧版 Edge 运行加载项，「一键核算」无法在这里运行；请升级 Office（Windows 上还需要 Microsoft Edge WebView2）。";
  /* ribbon.ts's COMPLETE_WITHIN_MS: Office ends a function command after 5 minutes; completed()
     comes first, counted from the command's start. */
  var COMPLETE_WITHIN_MS = 4 * 60 * 1000;
  /* office.js waits for Office.initialize or Office.onReady; the bundle that calls it cannot run. */
  if (Office) Office.initialize = function () {};

  var message = /[?&]message=([^&]*)/.exec(location.search || "");
  if (message) {
    var p = document.createElement("p");
    p.setAttribute("role", "status");
    p.style.fontFamily = "'Microsoft YaHei', 'Segoe UI', sans-serif";
    p.style.margin = "16px";
    p.appendChild(document.createTextNode(decodeURIComponent(message[1].replace(/\+/g, " "))));
    var button = document.createElement("button");
    button.appendChild(document.createTextNode("知道了"));
    button.style.margin = "0 16px";
    button.onclick = function () {
      if (Office && Office.context && Office.context.ui) Office.context.ui.messageParent("close");
    };
    document.body.appendChild(p);
    document.body.appendChild(button);
    return;
  }

  function recalculate(event) {
    var done = false;
    var timer = null;
    function complete() {
      if (done) return;
      done = true;
      if (timer !== null) clearTimeout(timer);
      try {
        event.completed();
      } catch (e) {
        /* nothing left to tell */
      }
    }
    timer = setTimeout(complete, COMPLETE_WITHIN_MS);
    var ui = Office && Office.context && Office.context.ui;
    if (!ui || typeof ui.displayDialogAsync !== "function") return complete();
    var url = location.protocol + "//" + location.host + location.pathname + "?message=" + encodeURIComponent(TEXT);
    try {
      ui.displayDialogAsync(url, { height: 25, width: 30, displayInIframe: true }, function (r) {
        if (!r || r.status !== Office.AsyncResultStatus.Succeeded) return complete();
        var dialog = r.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, function () {
          try {
            dialog.close();
          } catch (e) {
            /* already closed */
          }
          complete();
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, complete);
      });
    } catch (e) {
      complete();
    }
  }

  window.recalculate = recalculate;
  if (Office && Office.actions && typeof Office.actions.associate === "function") Office.actions.associate("recalculate", recalculate);
})();
