/**
 * The one line a clerk sees after a ribbon command, in Excel (commands.ts) and in WPS 表格
 * (src/wps/ribbon.ts). Host-free: no Office, no ET, only counts in and Chinese out.
 */

/** After 「一键核算」. */
export function resultLine(errors: number, warnings: number, written: number): string {
  const found = errors || warnings ? `发现错误 ${errors} 项、警告 ${warnings} 项` : "未发现错误";
  return `核算完成：填入 ${written} 处，${found}。详见「核查结果」工作表；打开“核算面板”可逐项查看。`;
}

/** After 「只检查」: nothing was written, which a reviewer must be able to rely on. */
export function checkLine(errors: number, warnings: number): string {
  const found = errors || warnings ? `发现错误 ${errors} 项、警告 ${warnings} 项` : "未发现错误";
  return `检查完成（未修改工作簿）：${found}。打开“核算面板”可逐项查看并定位到单元格。`;
}

/** After 「清除标记」. */
export function clearLine(cells: number): string {
  return cells ? `已清除 ${cells} 处标记，数值未改动。` : "没有需要清除的标记。";
}

/** After 「撤销本次修改」: `kept` cells were changed by a person since and keep their value. */
export function undoLine(undone: boolean, kept: number): string {
  if (!undone) return "没有可撤销的修改。";
  return kept
    ? `已撤销核算助手的修改；${kept} 个单元格在核算后已被修改，保留现值，未恢复。打开“核算面板”可查看是哪些单元格。`
    : "已撤销核算助手所做的全部修改，工作簿恢复原样。";
}
