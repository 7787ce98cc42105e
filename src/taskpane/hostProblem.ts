/**
 * Why the pane cannot run where it was opened, found before it starts: IT's first check of a
 * new server is opening taskpane.html in a browser, and a blank page (office.js unreachable) or
 * a full pane whose buttons fail (outside Office) told them nothing. Chinese for the page,
 * English for the console.
 */
export interface HostProblem {
  kind: "office-js-missing" | "not-in-excel" | "not-in-wps";
  title: string;
  detail: string;
  log: string;
}

/** Microsoft's CDN, where the default build loads office.js from (scripts/webpack/officeJs.js). */
const CDN_HOST = "appsforoffice.microsoft.com";

/** office.js did not load (`Office is not defined`); `src` is where the page asked for it. */
export function officeJsMissing(src: string | null): HostProblem {
  const fromCdn = !!src && new URL(src, "https://x.invalid/").host === CDN_HOST;
  if (fromCdn || !src) {
    return {
      kind: "office-js-missing",
      title: "无法加载 office.js，面板不能运行",
      detail:
        "这台电脑访问不了微软的 office.js（appsforoffice.microsoft.com）。政务内网等访问不了微软网站的环境，" +
        "请用 OFFICE_JS=local 重新生成加载项文件夹（OFFICE_JS=local npm run package -- --url …，见 docs/deploy.md），" +
        "office.js 就会和面板放在同一台服务器上。",
      log: `office.js did not load from ${src ?? "(no script tag)"} (Office is not defined): Microsoft's CDN is unreachable from here; build with OFFICE_JS=local.`,
    };
  }
  return {
    kind: "office-js-missing",
    title: "无法加载 office.js，面板不能运行",
    detail:
      `服务器没有提供 ${src}：加载项文件夹里的 office-js/ 没有放到服务器上，或网站账户读不到它。` +
      "请把 npm run package 生成的整个文件夹原样复制到服务器（见 docs/deploy.md）。",
    log: `office.js did not load from ${src} (Office is not defined): the package's office-js/ folder is missing on the server or unreadable.`,
  };
}

/** office.js loaded; `host` is Office.onReady's info.host (null outside Office). */
export function notInExcel(host: string | null | undefined): HostProblem | null {
  if (host === "Excel") return null;
  if (host) {
    return {
      kind: "not-in-excel",
      title: "此加载项只能在 Excel 中使用",
      detail: `当前程序是 ${host}。请在 Excel 中打开：开始 › 绩效自评 › 核算面板。`,
      log: `The pane was opened in ${host}, not Excel.`,
    };
  }
  return {
    kind: "not-in-excel",
    title: "未在 Excel 中打开",
    detail:
      "这是「绩效自评核算」Excel 加载项的面板，只能在 Excel 里使用（开始 › 绩效自评 › 核算面板）。" +
      "在浏览器里看到这段话，说明网页文件、证书和 office.js 都已正常加载。",
    log: "Opened outside Office (Office.onReady gave no host): the files, the certificate and office.js loaded; the pane runs only in Excel.",
  };
}

/**
 * The WPS pane opened where no ET application is given (window.wps / window.Application):
 * a browser, or a WPS build that does not hand the add-in its objects.
 */
export function notInWps(): HostProblem {
  return {
    kind: "not-in-wps",
    title: "未在 WPS 表格中打开",
    detail:
      "这是「绩效自评核算」WPS 加载项的面板，只能在 WPS 表格里使用（绩效自评 › 核算面板）。" +
      "在浏览器里看到这段话，说明服务器上的加载项文件已正常提供。",
    log: "Opened outside WPS (no window.wps or window.Application): the files loaded; the pane runs only in WPS 表格.",
  };
}
