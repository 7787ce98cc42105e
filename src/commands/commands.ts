import { excelApi } from "../adapters/office/officeApi";
import { completeWithin, runRibbonRecalculation } from "./ribbon";

/* global Office */

/**
 * The command page (commands.html). Loaded by Excel for the ribbon's
 * 「一键核算」 (ExecuteFunction), and, with ?message=…, as the small dialog
 * that tells the clerk the outcome: an ExecuteFunction command has no pane,
 * and the Office dialog API is the documented way for a function file to show
 * anything ("The host page can be a task pane or the function file of a
 * function command": https://learn.microsoft.com/en-us/office/dev/add-ins/develop/dialog-best-practices).
 */
const message = new URLSearchParams(location.search).get("message");

/**
 * Office.context.ui.displayDialogAsync (DialogApi 1.1,
 * https://learn.microsoft.com/en-us/javascript/api/office/office.ui#office-office-ui-displaydialogasync-member(1)):
 * resolves when the clerk closes the dialog (its button sends a message, or the
 * window's own close box). The command's budget (completeWithin) runs from its start, not from here.
 */
function tell(text: string): Promise<void> {
  return new Promise((done) => {
    const url = `${location.origin}${location.pathname}?message=${encodeURIComponent(text)}`;
    Office.context.ui.displayDialogAsync(url, { height: 25, width: 30, displayInIframe: true }, (r) => {
      if (r.status !== Office.AsyncResultStatus.Succeeded) {
        console.error("[核算助手] dialog not shown:", r.error?.message, text);
        return done();
      }
      const dialog = r.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        dialog.close();
        done();
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => done());
    });
  });
}

/** The dialog page: the message and a button that closes it. */
function showMessagePage(text: string): void {
  document.title = "绩效自评核算";
  const p = document.createElement("p");
  p.textContent = text;
  p.setAttribute("role", "status");
  p.style.cssText = "font: 15px/1.6 'Microsoft YaHei', 'PingFang SC', sans-serif; margin: 16px;";
  const button = document.createElement("button");
  button.textContent = "知道了";
  button.style.cssText = "margin: 0 16px; padding: 4px 20px;";
  button.onclick = () => Office.context.ui.messageParent("close");
  document.body.append(p, button);
  button.focus();
}

function recalculateCommand(event: Office.AddinCommands.Event): Promise<void> {
  return completeWithin(() => runRibbonRecalculation({ ready: () => Office.onReady(), api: excelApi, tell }), () => event.completed());
}

if (message !== null) void Office.onReady().then(() => showMessagePage(message));
// The manifest's <FunctionName>recalculate</FunctionName>. associate may be called before onReady.
else Office.actions.associate("recalculate", recalculateCommand);
